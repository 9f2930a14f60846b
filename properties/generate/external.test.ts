import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import { configDefault } from "../../spec/config.ts"
import { choicesArbitrary } from "../choice.ts"
import type { Driver } from "../driver/driver.ts"
import { driverInit } from "../driver/driver.ts"
import { driverObserve } from "../driver/observe.ts"
import { runChoicesOnModel } from "../modelRun.ts"
import { configConditionalUpdate, configDoubleCharge, configExternalEffects, configOutbox } from "../suite/mutantSeeds.ts"
import { step } from "../../model/index.ts"
import { isResponseError } from "../../spec/response.ts"
import { simulateChoices } from "../driver/internal/simulate.ts"
import { decodeContextOf } from "./context.ts"
import { invalid } from "./invalid.ts"
import { decodeChoice } from "./decode.ts"
import { encodeCommand } from "./encode.ts"
import { processCrash, relay, serviceWrite, windowClock } from "./external.ts"
import type { ExternalCases } from "./internal/externalStats.ts"
import { externalCasesOf, runsWithEachCase } from "./internal/externalStats.ts"

const choice = (a: number, b: number, c: number) => ({ action: 0, a, b, c })

describe("the actions of effects and services", () => {
  it("are disabled on configs without effects or services, whatever the view", () => {
    for (const choices of fc.sample(choicesArbitrary(configDefault), { seed: 3, numRuns: 20 })) {
      const run = runChoicesOnModel(configDefault, choices)
      let driver = driverInit(configDefault)
      run.commands.forEach((command, i) => {
        const context = decodeContextOf(driver, configDefault)
        for (const action of [processCrash, serviceWrite, relay, windowClock]) expect(action.enabled(context), action.name).toBe(false)
        driver = driverObserve(driver, command, run.expected[i])
      })
    }
  })

  it("writes fresh events e0, e1, ... in run order, sometimes with a key, sometimes crashing, sometimes repeating one", () => {
    let driver: Driver = driverInit(configOutbox)
    const context = () => decodeContextOf(driver, configOutbox)
    expect(serviceWrite.make(context(), choice(0, 1, 0))).toEqual({ _tag: "ServiceWrite", service: "orders-outbox", event: "e0" })
    expect(serviceWrite.make(context(), choice(1, 0, 1))).toEqual({ _tag: "ServiceWrite", service: "orders-commit-first", event: "e0", key: "k0", crashMidway: true })
    const first: Command = { _tag: "ServiceWrite", service: "orders-outbox", event: "e0" }
    driver = driverObserve(driver, first, { _tag: "ServiceWritten", service: "orders-outbox", event: "e0" })
    expect(driver.outside.eventsCount).toBe(1)
    expect(driver.outside.services[0].pending).toBe(1)
    // b % 5 === 1 repeats an event the service wrote (a retried request); the next fresh one is e1.
    expect(serviceWrite.make(context(), choice(0, 6, 0))).toEqual({ _tag: "ServiceWrite", service: "orders-outbox", event: "e0" })
    expect(serviceWrite.make(context(), choice(0, 2, 0))).toEqual({ _tag: "ServiceWrite", service: "orders-outbox", event: "e1" })
    // Relays: only outbox services, a crash for b % 3 === 0.
    expect(relay.make(context(), choice(5, 0, 0))).toEqual({ _tag: "RelayPublish", service: "orders-outbox", crashMidway: true })
    expect(relay.make(context(), choice(5, 1, 0))).toEqual({ _tag: "RelayPublish", service: "orders-outbox" })
  })

  it("encodes a fresh event written after a dropped write as the next fresh event, and a repeated event only as itself", () => {
    let driver: Driver = driverInit(configOutbox)
    const later: Command = { _tag: "ServiceWrite", service: "orders-outbox", event: "e1", key: "k0" }
    // The hint is the choice that made the write (b = 2: no crash, a fresh event); dropping the earlier write renumbers it.
    const encoded = encodeCommand(driver, configOutbox, later, { action: 0, a: 0, b: 2, c: 1 })
    expect(encoded).toBeDefined()
    expect(decodeChoice(driver, configOutbox, encoded!)).toEqual({ _tag: "ServiceWrite", service: "orders-outbox", event: "e0", key: "k0" })
    driver = driverObserve(driver, { _tag: "ServiceWrite", service: "orders-outbox", event: "e0" }, { _tag: "ServiceWritten", service: "orders-outbox", event: "e0" })
    driver = driverObserve(driver, { _tag: "ServiceWrite", service: "orders-outbox", event: "e1" }, { _tag: "ServiceWritten", service: "orders-outbox", event: "e1" })
    const repeat: Command = { _tag: "ServiceWrite", service: "orders-outbox", event: "e0" }
    const repeated = encodeCommand(driver, configOutbox, repeat, { action: 0, a: 0, b: 6, c: 0 })
    expect(repeated).toBeDefined()
    expect(decodeChoice(driver, configOutbox, repeated!)).toEqual(repeat)
  })

  it("aims a clock advance at a remembered id's window end: 1 ms before, at, 1 ms after", () => {
    const command: Command = { _tag: "ConsumerProcess", group: "charge-short-window", member: "m0", topic: "payments", partition: 0, offset: 0 }
    let driver = driverInit(configDoubleCharge)
    driver = driverObserve(driver, { _tag: "ClockAdvance", ms: 1200 }, { _tag: "ClockAdvanced", nowMs: 1200, expired: [], rebalanced: [] })
    expect(windowClock.enabled(decodeContextOf(driver, configDoubleCharge))).toBe(false)
    driver = driverObserve(driver, command, { _tag: "Processed", group: "charge-short-window", member: "m0", topic: "payments", partition: 0, offset: 0, effect: { outcome: "applied", id: "v0" } })
    const context = decodeContextOf(driver, configDoubleCharge)
    expect([0, 1, 2].map((c) => windowClock.make(context, choice(0, 0, c)))).toEqual([
      { _tag: "ClockAdvance", ms: 4999 },
      { _tag: "ClockAdvance", ms: 5000 },
      { _tag: "ClockAdvance", ms: 5001 }
    ])
    // Once the window ended more than 1 ms ago, nothing is left to aim at.
    driver = driverObserve(driver, { _tag: "ClockAdvance", ms: 5001 }, { _tag: "ClockAdvanced", nowMs: 6201, expired: [], rebalanced: [] })
    expect(windowClock.enabled(decodeContextOf(driver, configDoubleCharge))).toBe(false)
  })

  it("crashes midway only members of groups with an effect, with the command their protocol allows", () => {
    let seen = 0
    for (const choices of fc.sample(choicesArbitrary(configDoubleCharge), { seed: 11, numRuns: 30 })) {
      const run = runChoicesOnModel(configDoubleCharge, choices)
      run.commands.forEach((command, i) => {
        if (command._tag !== "ConsumerProcess" || command.crashMidway !== true) return
        seen++
        expect(run.expected[i]._tag).toBe("ProcessCrashed")
      })
    }
    expect(seen).toBeGreaterThan(10)
  })
})

/** The least share (of 100 runs) in which each witness must happen on each config. */
const witnessesExpected: ReadonlyArray<readonly [string, Config, ReadonlyArray<keyof ExternalCases>]> = [
  ["double-charge", configDoubleCharge, ["naiveDuplicate", "skippedDuplicate", "reappliedAfterWindow", "keyThenEffectLoss", "effectThenKeyDuplicate"]],
  ["conditional-update", configConditionalUpdate, ["casRejected"]],
  ["outbox", configOutbox, ["skippedDuplicate", "relayRepublished", "outboxCrashLeftNothing", "dualWriteLoss", "dualWritePhantom"]],
  ["external-effects", configExternalEffects, ["exactlyOnceEffectTwice", "skippedDuplicate"]]
]

describe("the witnesses of external effects and services, on the model", () => {
  for (const [name, config, witnesses] of witnessesExpected) {
    it(`happen in a good share of 100 runs (${name})`, () => {
      const runs = fc.sample(choicesArbitrary(config), { seed: 7, numRuns: 100 })
        .map((choices) => externalCasesOf(config, runChoicesOnModel(config, choices).expected))
      const counts = runsWithEachCase(runs)
      for (const witness of witnesses) expect(counts[witness], witness).toBeGreaterThanOrEqual(12)
    })
  }
})

describe("invalid commands of services", () => {
  it("are rejected by the model (UnknownService, NotAnOutbox), and both kinds come up", () => {
    const probes = fc.sample(fc.record({ action: fc.constant(0), a: fc.nat(999), b: fc.nat(999), c: fc.nat(999) }), { seed: 31, numRuns: 24 })
    const tags = new Set<string>()
    for (const choices of fc.sample(choicesArbitrary(configOutbox), { seed: 5, numRuns: 20 })) {
      simulateChoices(configOutbox, choices, ({ driver, state }) => {
        const context = decodeContextOf(driver, configOutbox)
        for (const probe of probes) {
          const command = invalid.make(context, probe)
          const { response } = step(state, command)
          expect(isResponseError(response), `${JSON.stringify(command)} -> ${JSON.stringify(response)}`).toBe(true)
          if (command._tag === "ServiceWrite" || command._tag === "RelayPublish") tags.add(response._tag)
        }
      })
    }
    expect([...tags].sort()).toEqual(["NotAnOutbox", "UnknownService"])
  })
})
