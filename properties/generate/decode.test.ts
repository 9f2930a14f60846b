import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { step } from "../../model/index.ts"
import type { Command } from "../../spec/command.ts"
import { configDefault } from "../../spec/config.ts"
import { isResponseError } from "../../spec/response.ts"
import type { Choice } from "../choice.ts"
import { choicesArbitrary } from "../choice.ts"
import { driverInit } from "../driver/driver.ts"
import { simulateChoices } from "../driver/internal/simulate.ts"
import { decodeContextOf } from "./context.ts"
import { decodeChoice } from "./decode.ts"
import { invalid } from "./invalid.ts"

const config = configDefault
const samples = fc.sample(choicesArbitrary(config), { seed: 29, numRuns: 200 })

const commandTags: ReadonlyArray<Command["_tag"]> = [
  "ProducerSend",
  "GroupJoin",
  "GroupLeave",
  "ConsumerHeartbeat",
  "ConsumerPoll",
  "ConsumerProcess",
  "ConsumerCommit",
  "ConsumerSeek",
  "ConsumerCrash",
  "ClockAdvance"
]

const responseTags = [
  "Sent",
  "Joined",
  "Left",
  "HeartbeatOk",
  "Polled",
  "Processed",
  "Committed",
  "Seeked",
  "Crashed",
  "ClockAdvanced",
  "UnknownTopic",
  "UnknownGroup",
  "UnknownMember",
  "AlreadyMember",
  "NotAssigned",
  "NotDelivered",
  "RebalanceInProgress",
  "StaleGeneration",
  "OffsetOutOfRange"
]

describe("decodeChoice", () => {
  it("decodes the simplest choice into the simplest send", () => {
    expect(decodeChoice(driverInit(config), config, { action: 0, a: 0, b: 0, c: 0 })).toEqual({
      _tag: "ProducerSend",
      producer: "p0",
      topic: "orders",
      value: "v0"
    })
  })

  it("is deterministic: the same choices give the same commands", () => {
    for (const choices of samples.slice(0, 50)) {
      expect(simulateChoices(config, choices).commands).toEqual(simulateChoices(config, choices).commands)
    }
  })

  it("produces every command kind, every answer, and the faults, across generated runs (before the drain)", () => {
    const counts = new Map<string, number>()
    const count = (key: string, n = 1) => counts.set(key, (counts.get(key) ?? 0) + n)
    for (const choices of samples) {
      const delivered = new Set<string>()
      simulateChoices(config, choices, ({ command, inDrain, response }) => {
        if (inDrain) return
        count(`command:${command._tag}`)
        count(`response:${response._tag}`)
        if (command._tag === "ProducerSend" && command.key !== undefined) count("keyed send")
        if (command._tag === "ClockAdvance" && command.ms > config.sessionTimeoutMs) count("advance beyond the session timeout")
        if (response._tag === "ClockAdvanced") count("expiry", response.expired.length)
        if (command._tag === "ConsumerCommit" && response._tag === "UnknownMember") count("zombie commit")
        if (response._tag === "Polled") {
          for (const r of response.records) {
            const key = `${response.group}/${r.topic}/${r.partition}/${r.offset}`
            if (delivered.has(key)) count("redelivery")
            delivered.add(key)
          }
        }
      })
    }
    for (const tag of commandTags) expect(counts.get(`command:${tag}`) ?? 0, tag).toBeGreaterThan(0)
    for (const tag of responseTags) expect(counts.get(`response:${tag}`) ?? 0, tag).toBeGreaterThan(0)
    for (const fault of ["keyed send", "advance beyond the session timeout", "expiry", "zombie commit", "redelivery"]) {
      expect(counts.get(fault) ?? 0, fault).toBeGreaterThan(0)
    }
    // Most commands are meaningful: errors stay a minority.
    const errors = responseTags.slice(10).reduce((sum, tag) => sum + (counts.get(`response:${tag}`) ?? 0), 0)
    const total = commandTags.reduce((sum, tag) => sum + (counts.get(`command:${tag}`) ?? 0), 0)
    expect(errors / total).toBeLessThan(0.2)
  })

  it("decodes invalid commands that the model rejects, whatever the state", () => {
    const probes: ReadonlyArray<Choice> = fc.sample(
      fc.record({ action: fc.constant(0), a: fc.nat(999), b: fc.nat(999), c: fc.nat(999) }),
      { seed: 31, numRuns: 12 }
    )
    let checked = 0
    for (const choices of samples.slice(0, 100)) {
      simulateChoices(config, choices, ({ driver, state }) => {
        const context = decodeContextOf(driver, config)
        if (!invalid.enabled(context)) throw new Error("invalid commands are always possible in the default config")
        for (const probe of probes) {
          const command = invalid.make(context, probe)
          const { response } = step(state, command)
          checked++
          if (!isResponseError(response) || response._tag === "RebalanceInProgress") {
            throw new Error(`${JSON.stringify(command)} was answered ${JSON.stringify(response)}`)
          }
        }
      })
    }
    expect(checked).toBeGreaterThan(1000)
  })
})
