import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { ModelState } from "../../model/index.ts"
import { init, step } from "../../model/index.ts"
import { Command } from "../../spec/command.ts"
import { configDefault } from "../../spec/config.ts"
import { isResponseError } from "../../spec/response.ts"
import type { Choice } from "../choice.ts"
import { choicesArbitrary } from "../choice.ts"
import { drainRecordsMax } from "../drain.ts"
import type { Driver } from "../driver/driver.ts"
import { driverInit } from "../driver/driver.ts"
import { simulateChoices } from "../driver/internal/simulate.ts"
import { driverObserve } from "../driver/observe.ts"
import { clock, heartbeat, poll, send } from "./actions.ts"
import { decodeContextOf } from "./context.ts"
import { decodeChoice } from "./decode.ts"
import { invalid } from "./invalid.ts"
import { keyClasses, keyClassOf } from "./keys.ts"
import { clockBoundaryFrom, heartbeatOldestFrom, pollSizeBoundaryFrom, pollSizesAtLimits } from "./limits.ts"
import type { Config } from "../../spec/config.ts"
import { configExactlyOnce } from "../suite/mutantSeeds.ts"
import { casesAdd, casesNone, simulateCases } from "./internal/exactlyOnceStats.ts"
import { exactlyOnce, produce, producerCrash, retry, transactionalProducer, transactionClock, zombieProducer } from "./transaction.ts"

/** Every command tag of the spec. */
const allCommandTags: ReadonlyArray<string> = Command.members.map((member) => member.fields._tag.schema.literal)

/** The driver and the model state after running `commands` on the model with `config`. */
const afterOn = (config: Config, commands: ReadonlyArray<Command>): { driver: Driver; state: ModelState } => {
  let driver = driverInit(config)
  let state = init(config)
  for (const command of commands) {
    const transition = step(state, command)
    state = transition.state
    driver = driverObserve(driver, command, transition.response)
  }
  return { driver, state }
}

const config = configDefault

/** The driver and the model state after running `commands` on the model. */
const after = (commands: ReadonlyArray<Command>): { driver: Driver; state: ModelState } => {
  let driver = driverInit(config)
  let state = init(config)
  for (const command of commands) {
    const transition = step(state, command)
    state = transition.state
    driver = driverObserve(driver, command, transition.response)
  }
  return { driver, state }
}

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
      let before = driverInit(config)
      simulateChoices(config, choices, ({ command, driver, inDrain, response }) => {
        const heard = before
        before = driver
        if (inDrain) return
        if (response._tag === "ClockAdvanced") {
          for (const { group, member } of response.expired) {
            const view = heard.groups.find((g) => g.name === group)?.members.find((m) => m.name === member)
            if (view !== undefined && response.nowMs - view.lastHeardMs - config.sessionTimeoutMs <= 1) count("expiry at the session boundary")
          }
        }
        count(`command:${command._tag}`)
        count(`response:${response._tag}`)
        if (command._tag === "ProducerSend" && command.key !== undefined) count("keyed send")
        if (command._tag === "ProducerSend") count(`key class:${keyClassOf(command.key)}`)
        if (command._tag === "ConsumerPoll" && command.recordsMax > config.bounds.recordsPerPollMax) count("poll above recordsPerPollMax")
        if (command._tag === "ConsumerPoll" && command.recordsMax >= drainRecordsMax) count("poll of the drain's size or more")
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
    for (const keyClass of keyClasses) expect(counts.get(`key class:${keyClass}`) ?? 0, keyClass).toBeGreaterThan(0)
    for (const fault of [
      "keyed send",
      "advance beyond the session timeout",
      "expiry",
      "expiry at the session boundary",
      "zombie commit",
      "redelivery",
      "poll above recordsPerPollMax",
      "poll of the drain's size or more"
    ]) {
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

describe("arguments aimed at the limits", () => {
  const joined: ReadonlyArray<Command> = [
    { _tag: "GroupJoin", group: "billing", member: "m0" },
    { _tag: "ClockAdvance", ms: 10_000 },
    { _tag: "ConsumerHeartbeat", group: "billing", member: "m0" },
    { _tag: "ClockAdvance", ms: 5_000 }
  ]

  it("aims a clock advance at a member's session boundary: 1 ms before keeps it, at and 1 ms after expire it", () => {
    const { driver, state } = after(joined)
    const context = decodeContextOf(driver, config)
    // m0 was last heard from at 10_000, now is 15_000, the session timeout 30_000.
    const advances = [0, 1, 2].map((c) => clock.make(context, { action: 0, a: 0, b: clockBoundaryFrom, c }))
    expect(advances).toEqual([24_999, 25_000, 25_001].map((ms) => ({ _tag: "ClockAdvance", ms })))
    const expired = advances.map((advance) => (step(state, advance).response as { expired: ReadonlyArray<unknown> }).expired)
    expect(expired).toEqual([[], [{ group: "billing", member: "m0" }], [{ group: "billing", member: "m0" }]])
  })

  it("aims a clock advance at a quarter, half and three quarters of a member's session, or not at all when it is older", () => {
    const context = decodeContextOf(after(joined).driver, config)
    // m0 was last heard from at 10_000, now is 15_000: its session is 5_000 ms old.
    const advances = [3, 4, 5].map((c) => clock.make(context, { action: 0, a: 0, b: clockBoundaryFrom, c }))
    expect(advances).toEqual([2_500, 10_000, 17_500].map((ms) => ({ _tag: "ClockAdvance", ms })))
    const older = decodeContextOf(after([...joined, { _tag: "ClockAdvance", ms: 10_000 }]).driver, config)
    expect(clock.make(older, { action: 0, a: 0, b: clockBoundaryFrom, c: 3 })).toEqual({ _tag: "ClockAdvance", ms: 0 })
  })

  it("lets half of the heartbeats come from the member heard from longest ago", () => {
    const { driver } = after([
      { _tag: "GroupJoin", group: "billing", member: "m0" },
      { _tag: "GroupJoin", group: "billing", member: "m1" },
      { _tag: "ConsumerPoll", group: "billing", member: "m0", recordsMax: 1 },
      { _tag: "ConsumerPoll", group: "billing", member: "m1", recordsMax: 1 },
      { _tag: "ClockAdvance", ms: 5_000 },
      { _tag: "ConsumerHeartbeat", group: "billing", member: "m0" },
      { _tag: "ClockAdvance", ms: 5_000 }
    ])
    const context = decodeContextOf(driver, config)
    expect(context.live.map((slot) => slot.member.name)).toEqual(["m0", "m1"])
    // m0 was heard from at 5_000, m1 at 0: the oldest session is m1's, whatever a picks.
    const members = (b: number) =>
      [0, 1].map((a) => {
        const command = heartbeat.make(context, { action: 0, a, b, c: 0 })
        return command._tag === "ConsumerHeartbeat" ? command.member : "not a heartbeat"
      })
    expect(members(0)).toEqual(["m0", "m1"])
    expect(members(heartbeatOldestFrom)).toEqual(["m1", "m1"])
  })

  it("keeps the zero clock choice (and b below the boundary share) a plain advance", () => {
    const context = decodeContextOf(after(joined).driver, config)
    expect(clock.make(context, { action: 0, a: 0, b: 0, c: 0 })).toEqual({ _tag: "ClockAdvance", ms: 0 })
    expect(clock.make(context, { action: 0, a: 999, b: clockBoundaryFrom - 1, c: 0 })).toEqual({
      _tag: "ClockAdvance",
      ms: config.bounds.clockAdvanceMsMax
    })
    // Without a listed member there is no boundary to aim at.
    expect(clock.make(decodeContextOf(driverInit(config), config), { action: 0, a: 0, b: 999, c: 1 })).toEqual({
      _tag: "ClockAdvance",
      ms: 0
    })
  })

  it("asks for poll sizes one below, at and one above recordsPerPollMax, the member's backlog and the drain's size", () => {
    const sent: ReadonlyArray<Command> = Array.from({ length: 7 }, (_, i): Command => ({
      _tag: "ProducerSend",
      producer: "p0",
      topic: "orders",
      value: `v${i}`
    }))
    const { driver } = after([...sent, { _tag: "GroupJoin", group: "billing", member: "m0" }])
    const context = decodeContextOf(driver, config)
    const slot = context.live[0]
    // m0 owns every partition of billing; 7 records wait in orders (3 + 2 + 2).
    expect(pollSizesAtLimits(context, slot)).toEqual([2, 3, 4, 6, 7, 8, 999, 1000, 1001])
    const sizes = new Set<number>()
    for (let c = 0; c <= 999; c++) {
      const command = poll.make(context, { action: 0, a: 0, b: 0, c })
      if (command._tag !== "ConsumerPoll") throw new Error("not a poll")
      if (c < pollSizeBoundaryFrom) expect(command.recordsMax).toBe(1 + (c % config.bounds.recordsPerPollMax))
      sizes.add(command.recordsMax)
    }
    expect([...sizes].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 6, 7, 8, 999, 1000, 1001])
  })

  it("sends no key for an even c, a hot key for small odd c and an awkward key from the top quarter", () => {
    const context = decodeContextOf(driverInit(config), config)
    const keyOf = (c: number) => {
      const command = send.make(context, { action: 0, a: 0, b: 0, c })
      return command._tag === "ProducerSend" ? command.key : "not a send"
    }
    expect([keyOf(0), keyOf(1), keyOf(3), keyOf(751)]).toEqual([undefined, "k0", "k1", ""])
    expect(new Set(Array.from({ length: 500 }, (_, i) => keyClassOf(keyOf(2 * i + 1))))).toEqual(
      new Set(keyClasses.filter((c) => c !== "none"))
    )
  })
})

describe("decodeChoice on the exactly-once config", () => {
  const configEo = configExactlyOnce
  const samplesEo = fc.sample(choicesArbitrary(configEo), { seed: 31, numRuns: 250 })

  it("produces every command kind, the transactional answers and the faults across generated runs (before the drain)", () => {
    const commandsSeen = new Set<string>()
    const answersSeen = new Set<string>()
    let lostAcks = 0
    let coordinatorAborts = 0
    let abortsOnInit = 0
    let results = 0
    for (const choices of samplesEo) {
      simulateChoices(configEo, choices, ({ command, inDrain, response }) => {
        if (inDrain) return
        commandsSeen.add(command._tag)
        answersSeen.add(response._tag)
        if ("ackLost" in command) lostAcks++
        if (response._tag === "ClockAdvanced" && response.transactionsAborted !== undefined) coordinatorAborts++
        if (response._tag === "ProducerInitialized" && response.aborted !== undefined) abortsOnInit++
        if (response._tag === "Processed" && response.output !== undefined) results++
      })
    }
    // The observers come only from the drain; the service commands only on configs with services (see external.test.ts), the queue commands only on configs with queues (see queue.test.ts), the failure commands only on configs with a failure policy (see failure.test.ts), broker restarts only on configs with brokerRestarts (see broker.test.ts).
    const queueTags = allCommandTags.filter((tag) => tag.startsWith("Queue"))
    const failureTags = ["DownstreamDown", "DownstreamUp", "DeadLetterRedrive"]
    const notGenerated = new Set(["ObserverDump", "ObserverOffsets", "ObserverEffects", "ObserverService", "ObserverQueue", "ServiceWrite", "RelayPublish", "BrokerRestart", ...queueTags, ...failureTags])
    expect([...commandsSeen].sort()).toEqual(allCommandTags.filter((tag) => !notGenerated.has(tag)).sort())
    for (const tag of ["SendTimedOut", "ProducerInitialized", "ProducerCrashed", "ProducerFenced", "TxnBegun", "TxnOffsetsSent", "TxnCommitted", "TxnAborted", "StaleGeneration"]) {
      expect(answersSeen, tag).toContain(tag)
    }
    expect(lostAcks).toBeGreaterThan(20)
    expect(coordinatorAborts).toBeGreaterThan(5)
    expect(abortsOnInit).toBeGreaterThan(5)
    expect(results).toBeGreaterThan(100)
  })

  it("makes every interesting case of exactly-once delivery happen", () => {
    let total = casesNone
    for (const choices of samplesEo) total = casesAdd(total, simulateCases(configEo, choices))
    for (const [name, count] of Object.entries(total)) expect(count, name).toBeGreaterThan(0)
  })

  it("aims clock advances at an open transaction's timeout: 1 ms before, at and 1 ms after", () => {
    const { driver } = afterOn(configEo, [
      { _tag: "ProducerInit", producer: "ledger-a" },
      { _tag: "TxnBegin", producer: "ledger-a" },
      { _tag: "ClockAdvance", ms: 1000 },
      { _tag: "ProducerSend", producer: "ledger-a", topic: "orders", value: "v0" },
      { _tag: "ClockAdvance", ms: 500 }
    ])
    const context = decodeContextOf(driver, configEo)
    const timeoutMs = configEo.transactionTimeoutMs!
    expect([0, 1, 2, 3].map((c) => transactionClock.make(context, { action: 0, a: 0, b: 0, c }))).toEqual([
      { _tag: "ClockAdvance", ms: 1000 + timeoutMs - 1 - 1500 },
      { _tag: "ClockAdvance", ms: 1000 + timeoutMs - 1500 },
      { _tag: "ClockAdvance", ms: 1000 + timeoutMs + 1 - 1500 },
      { _tag: "ClockAdvance", ms: 1000 + Math.floor(timeoutMs / 2) - 1500 }
    ])
  })

  it("enables none of the transactional actions on a config without producers or exactly-once groups", () => {
    for (const choices of samples.slice(0, 50)) {
      simulateChoices(config, choices, ({ driver }) => {
        const context = decodeContextOf(driver, config)
        for (const action of [produce, retry, transactionalProducer, zombieProducer, producerCrash, exactlyOnce, transactionClock]) {
          expect(action.enabled(context), action.name).toBe(false)
        }
      })
    }
  })
})
