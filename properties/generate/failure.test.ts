import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { configDefault } from "../../spec/config.ts"
import { isPoison } from "../../spec/failure.ts"
import { choicesArbitrary } from "../choice.ts"
import { simulateChoices } from "../driver/internal/simulate.ts"
import { configPoisonAndRetries, configRetention } from "../suite/mutantSeeds.ts"
import { decodeContextOf } from "./context.ts"
import { driverAfter } from "./internal/driverAfter.ts"
import { failureActions, failureClock } from "./failure.ts"
import { retentionActions, retentionClock } from "./retention.ts"

const config = configPoisonAndRetries
const samples = fc.sample(choicesArbitrary(config), { seed: 43, numRuns: 120 })

describe("the failure and retention actions", () => {
  it("are all disabled on a config without failure policies or retention, so it decodes as before", () => {
    for (const choices of fc.sample(choicesArbitrary(configDefault), { seed: 3, numRuns: 30 })) {
      simulateChoices(configDefault, choices, ({ driver }) => {
        const context = decodeContextOf(driver, configDefault)
        for (const action of [...failureActions, ...retentionActions]) expect(action.enabled(context), action.name).toBe(false)
      })
    }
  })

  it("produce every failure command and answer across generated runs (before the drain)", () => {
    const commands = new Set<string>()
    const answers = new Set<string>()
    const causes = new Set<string>()
    let poisonSends = 0
    let deadLettered = 0
    for (const choices of samples) {
      simulateChoices(config, choices, ({ command, inDrain, response }) => {
        if (inDrain) return
        commands.add(command._tag)
        answers.add(response._tag)
        if (command._tag === "ProducerSend" && isPoison(command.value)) poisonSends++
        if (response._tag === "ProcessFailed") causes.add(response.cause)
        if (response._tag === "ProcessDeadLettered") {
          causes.add(response.cause)
          deadLettered++
        }
      })
    }
    for (const tag of ["DownstreamDown", "DownstreamUp", "DeadLetterRedrive"]) expect(commands, tag).toContain(tag)
    for (const tag of ["ProcessFailed", "ProcessDeadLettered", "BackoffPending", "BreakerOpen", "DownstreamSet", "DeadLettersRedriven"]) {
      expect(answers, tag).toContain(tag)
    }
    expect([...causes].sort()).toEqual(["breaker-open", "downstream", "poison"])
    expect(poisonSends).toBeGreaterThan(50)
    expect(deadLettered).toBeGreaterThan(10)
  })

  it("end with a drain that works every failure group off: each record processed or dead-lettered, except behind a poison record of the naive group", () => {
    for (const choices of samples.slice(0, 40)) {
      const handled = new Map<string, Set<string>>()
      const sent: Array<string> = []
      simulateChoices(config, choices, ({ command, response }) => {
        if (response._tag === "Sent" && command._tag === "ProducerSend" && command.topic === "orders") sent.push(`${response.partition}@${response.offset}`)
        if (response._tag === "DeadLettersRedriven") {
          for (const record of response.records) if (record.source.topic === "orders") sent.push(`${record.source.partition}@${record.source.offset}`)
        }
        if ((response._tag === "Processed" || response._tag === "ProcessDeadLettered") && response.topic === "orders") {
          let set = handled.get(response.group)
          if (set === undefined) handled.set(response.group, (set = new Set()))
          set.add(`${response.partition}@${response.offset}`)
        }
      })
      for (const group of ["billing", "storm"]) {
        const missing = sent.filter((place) => !(handled.get(group)?.has(place) ?? false))
        expect(missing, group).toEqual([])
      }
    }
  })

  it("aim the clock at a retry time: 1 ms before, at and 1 ms after", () => {
    const driver = driverAfter(config, [
      { _tag: "ProducerSend", producer: "p0", topic: "orders", value: "poison-v0" },
      { _tag: "GroupJoin", group: "storm", member: "m0" },
      { _tag: "ConsumerPoll", group: "storm", member: "m0", recordsMax: 3 },
      { _tag: "ConsumerProcess", group: "storm", member: "m0", topic: "orders", partition: 0, offset: 0 },
      { _tag: "ClockAdvance", ms: 200 }
    ])
    const context = decodeContextOf(driver, config)
    expect([0, 1, 2].map((a) => failureClock.make(context, { action: 0, a, b: 0, c: 0 }))).toEqual([
      { _tag: "ClockAdvance", ms: 799 },
      { _tag: "ClockAdvance", ms: 800 },
      { _tag: "ClockAdvance", ms: 801 }
    ])
  })

  it("aim the clock at the moment retention deletes a partition's oldest record", () => {
    const driver = driverAfter(configRetention, [
      { _tag: "ClockAdvance", ms: 1000 },
      { _tag: "ProducerSend", producer: "p0", topic: "events", value: "v0" },
      { _tag: "ClockAdvance", ms: 5000 }
    ])
    const context = decodeContextOf(driver, configRetention)
    expect([0, 1, 2].map((a) => retentionClock.make(context, { action: 0, a, b: 0, c: 0 }))).toEqual([
      { _tag: "ClockAdvance", ms: 14_999 },
      { _tag: "ClockAdvance", ms: 15_000 },
      { _tag: "ClockAdvance", ms: 15_001 }
    ])
  })

  it("produce resets, refused polls and the seeks after them on the retention config", () => {
    const answers = new Set<string>()
    let resets = 0
    let seeksToLogStart = 0
    for (const choices of fc.sample(choicesArbitrary(configRetention), { seed: 47, numRuns: 120 })) {
      simulateChoices(configRetention, choices, ({ command, inDrain, response }) => {
        if (inDrain) return
        answers.add(response._tag)
        if (response._tag === "Polled") resets += response.resets?.length ?? 0
        if (command._tag === "ConsumerSeek" && command.group === "strict" && response._tag === "Seeked") seeksToLogStart++
      })
    }
    expect(resets).toBeGreaterThan(10)
    expect(answers).toContain("OffsetOutOfRange")
    expect(seeksToLogStart).toBeGreaterThan(3)
  })
})
