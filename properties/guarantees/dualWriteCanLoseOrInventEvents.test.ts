import { describe, expect, it } from "vitest"
import { configDefault, guaranteeById } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { dualWriteCanLoseOrInventEvents as check } from "./dualWriteCanLoseOrInventEvents.ts"
import { configEffects } from "./internal/configEffects.ts"
import { dataEntry, HistoryBuilder } from "./internal/historyBuilder.ts"

const by = (service: string, offset: number, event: string) => dataEntry(offset, { producer: `service:${service}`, key: "k", value: event })
const row = (event: string) => ({ event, key: "k", atMs: 0 })

/** legacy (commit-then-send) writes l1 and crashes after committing l2; ledger (send-then-commit) writes d1 and crashes after sending d2. */
const crashedBetween = () =>
  new HistoryBuilder()
    .serviceWrite("legacy", "l1", { key: "k", sent: "events/0@0" })
    .serviceCrash("legacy", "l2", true, { key: "k" })
    .serviceWrite("ledger", "d1", { key: "k", sent: "events/0@1" })
    .serviceCrash("ledger", "d2", false, { key: "k", sent: "events/0@2" })

const drained = (b: HistoryBuilder, entries = [by("legacy", 0, "l1"), by("ledger", 1, "d1"), by("ledger", 2, "d2")], legacy = ["l1", "l2"], ledger = ["d1"]) =>
  b.dump("events/0", entries).serviceListed("legacy", legacy.map(row)).serviceListed("ledger", ledger.map(row))

const only = (...names: ReadonlyArray<string>) => ({ ...configEffects, services: configEffects.services!.filter((service) => names.includes(service.name)) })

describe("DualWriteCanLoseOrInventEvents", () => {
  it("holds and is witnessed when a commit-then-send crash loses an event and a send-then-commit crash publishes a phantom", () => {
    const b = drained(crashedBetween())
    expect(check.undrainedOf?.(b.history, configEffects)).toEqual(new Map())
    expect(check.always(b.history, configEffects)).toBeUndefined()
    expect(check.sometimes(b.history, configEffects)).toBe(true)
  })

  it("needs the failure of each dual-write mode the config uses for its witness", () => {
    const lossOnly = new HistoryBuilder().serviceWrite("legacy", "l1", { key: "k", sent: "events/0@0" }).serviceCrash("legacy", "l2", true, { key: "k" })
      .dump("events/0", [by("legacy", 0, "l1")]).serviceListed("legacy", [row("l1"), row("l2")]).serviceListed("ledger", [])
    expect(check.always(lossOnly.history, configEffects)).toBeUndefined()
    expect(check.sometimes(lossOnly.history, configEffects)).toBe(false)
    expect(check.sometimes(lossOnly.history, only("legacy"))).toBe(true)
  })

  it("is violated by a business row in no record of the topic, without a crash between the writes", () => {
    const b = drained(crashedBetween(), [by("ledger", 1, "d1"), by("ledger", 2, "d2")])
    expect(check.always(b.history, configEffects)).toEqual({
      step: 6,
      message: "commit-then-send service legacy's business row of event \"l1\" (ServiceListed at step 6) is in no record of events, and no crash between its two writes lost it"
    })
  })

  it("is violated by a published event that is no business row, without a crash between the writes", () => {
    const b = drained(crashedBetween(), undefined, ["l1", "l2"], [])
    expect(check.always(b.history, configEffects)?.message).toBe(
      "events/0@1, a record of send-then-commit service ledger's producer, holds event \"d1\", which is no business row (ServiceListed at step 7), and no crash between its two writes published it uncommitted"
    )
  })

  it("does not judge a service whose drain is not shown", () => {
    const b = crashedBetween().dump("events/0", [])
    expect(check.undrainedOf?.(b.history, configEffects)).toEqual(
      new Map([
        ["legacy", "no ObserverService lists service legacy after its last write or relay (step 2)"],
        ["ledger", "no ObserverService lists service ledger after its last write or relay (step 4)"]
      ])
    )
    expect(check.always(b.history, configEffects)).toBeUndefined()
  })

  it("is n/a without a dual-write service", () => {
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configEffects)).toBeUndefined()
    expect(notApplicableReasonOf(guaranteeById(check.id), check, only("shop"))).toBe(
      "needs a service with a dual write (publish \"commit-then-send\" or \"send-then-commit\"); the config has none"
    )
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configDefault)).toBe(
      "needs a service with a dual write (publish \"commit-then-send\" or \"send-then-commit\"); the config has none"
    )
  })
})
