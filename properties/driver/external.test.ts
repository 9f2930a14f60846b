import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { effectsOf, nowMs, serviceOf } from "../../model/index.ts"
import type { Config } from "../../spec/config.ts"
import { choicesArbitrary } from "../choice.ts"
import { configConditionalUpdate, configDoubleCharge, configExternalEffects, configOutbox } from "../suite/mutantSeeds.ts"
import { driverInit, isExternalConfig } from "./driver.ts"
import { simulateChoices } from "./internal/simulate.ts"
import { driverObserve } from "./observe.ts"

const sortedIds = (entries: ReadonlyArray<{ readonly id: string; readonly atMs: number }>) =>
  entries.map((entry) => `${entry.id}@${entry.atMs}`).sort()

describe("the driver's view outside the broker", () => {
  for (const [name, config] of [["double-charge", configDoubleCharge], ["outbox", configOutbox], ["external-effects", configExternalEffects], ["conditional-update", configConditionalUpdate]] as const) {
    it(`keeps remembered ids, committed events and pending outbox rows equal to the model's (${name})`, () => {
      let steps = 0
      for (const choices of fc.sample(choicesArbitrary(config as Config), { seed: 29, numRuns: 80 })) {
        simulateChoices(config, choices, ({ command, driver, response, state }) => {
          steps++
          const where = `after ${JSON.stringify(command)} -> ${JSON.stringify(response)}`
          for (const [group, dedup] of driver.outside.dedup) {
            const now = nowMs(state)
            const alive = dedup.remembered.filter((entry) => dedup.windowMs === undefined || entry.atMs + dedup.windowMs > now)
            expect(sortedIds(alive), `${group} ${where}`).toEqual(sortedIds(effectsOf(state, group)?.remembered ?? []))
          }
          for (const service of driver.outside.services) {
            const tables = serviceOf(state, service.name)
            expect([...service.committed].sort(), `${service.name} ${where}`).toEqual((tables?.rows ?? []).map((row) => row.event).sort())
            expect(service.pending, `${service.name} ${where}`).toBe((tables?.outbox ?? []).filter((row) => !row.published).length)
          }
        })
      }
      expect(steps).toBeGreaterThan(1000)
    })
  }

  it("loses the member's client on ProcessCrashed, as on ConsumerCrash", () => {
    let driver = driverInit(configDoubleCharge)
    driver = driverObserve(driver, { _tag: "GroupJoin", group: "charge-naive", member: "m0" }, {
      _tag: "Joined", group: "charge-naive", member: "m0", generation: 1, assignment: [{ topic: "payments", partition: 0 }]
    })
    driver = driverObserve(driver, { _tag: "ConsumerPoll", group: "charge-naive", member: "m0", recordsMax: 3 }, {
      _tag: "Polled", group: "charge-naive", member: "m0", records: [{ topic: "payments", partition: 0, offset: 0, producer: "p0", value: "v0", timestampMs: 0 }]
    })
    expect(driver.groups[0].members[0].buffer).toHaveLength(1)
    driver = driverObserve(
      driver,
      { _tag: "ConsumerProcess", group: "charge-naive", member: "m0", topic: "payments", partition: 0, offset: 0, crashMidway: true },
      { _tag: "ProcessCrashed", group: "charge-naive", member: "m0", topic: "payments", partition: 0, offset: 0, effect: { outcome: "applied", id: "v0" } }
    )
    const member = driver.groups[0].members[0]
    expect(member.running).toBe(false)
    expect(member.listed).toBe(true)
    expect(member.buffer).toEqual([])
  })

  it("remembers a key-recorded id, but not one an effect-then-key crash applied without its key", () => {
    let driver = driverInit(configDoubleCharge)
    const crash = (group: string, outcome: "applied" | "key-recorded") =>
      driverObserve(
        driver,
        { _tag: "ConsumerProcess", group, member: "m0", topic: "payments", partition: 0, offset: 0, crashMidway: true },
        { _tag: "ProcessCrashed", group, member: "m0", topic: "payments", partition: 0, offset: 0, effect: { outcome, id: "v0" } }
      )
    driver = crash("charge-key-first", "key-recorded")
    driver = crash("charge-effect-first", "applied")
    expect(driver.outside.dedup.get("charge-key-first")?.remembered).toEqual([{ id: "v0", atMs: 0 }])
    expect(driver.outside.dedup.get("charge-effect-first")?.remembered).toEqual([])
    expect(driver.outside.dedup.has("charge-naive")).toBe(false)
  })

  it("keeps nothing outside the broker on a config without effects or services", () => {
    const config = { ...configDoubleCharge, groups: configDoubleCharge.groups.map(({ effect: _, ...group }) => group) }
    expect(isExternalConfig(config)).toBe(false)
    const driver = driverInit(config)
    expect(driver.external).toBe(false)
    expect(driver.outside.dedup.size).toBe(0)
    expect(driver.outside.services).toEqual([])
  })
})
