import { describe, expect, it } from "vitest"
import { guaranteeById } from "../../../spec/index.ts"
import { notApplicableReasonOf } from "../applicability.ts"
import { dedupEffectFirstCanDuplicate as effectFirst } from "../dedupEffectFirstCanDuplicate.ts"
import { dedupKeyFirstCanLoseEffects as keyFirst } from "../dedupKeyFirstCanLoseEffects.ts"
import { configEffects, withEffect } from "./configEffects.ts"
import { processedTwice } from "./effectHistories.ts"
import { dataEntry, type HistoryBuilder } from "./historyBuilder.ts"

const applied = { outcome: "applied" } as const
const skipped = { outcome: "skipped" } as const
const keyRecorded = { outcome: "key-recorded", crashed: true } as const
const crashedApplied = { outcome: "applied", crashed: true } as const

/** The drain of `group` after a scenario: its member polls both partitions empty, both are dumped, its store is listed with `ledger`. */
const drained = (b: HistoryBuilder, group: string, ledger: ReadonlyArray<string>) =>
  b
    .poll(group, "a", [])
    .dump("orders/0", [dataEntry(0, { key: "k", value: "v0" })])
    .dump("orders/1", [])
    .effects(group, { applied: ledger.map((id) => ({ id, entity: "k", atMs: 0 })) })

const onlyGroups = (...names: ReadonlyArray<string>) => ({ ...configEffects, groups: configEffects.groups.filter((group) => names.includes(group.name)) })

describe("DedupKeyFirstCanLoseEffects and DedupEffectFirstCanDuplicate", () => {
  it("key-then-effect: holds and shows the loss when a crash between key and effect makes the redelivery skip", () => {
    const b = drained(processedTwice("kte", keyRecorded, skipped), "kte", [])
    expect(keyFirst.always(b.history, configEffects)).toBeUndefined()
    expect(keyFirst.sometimes(b.history, configEffects)).toBe(true)
    // The other order's witness is its own: a loss is no duplicate.
    expect(effectFirst.sometimes(b.history, configEffects)).toBe(false)
  })

  it("effect-then-key: holds and shows the duplicate when a crash between effect and key makes the redelivery apply again", () => {
    const b = processedTwice("etk", crashedApplied, applied)
    expect(effectFirst.always(b.history, configEffects)).toBeUndefined()
    expect(effectFirst.sometimes(b.history, configEffects)).toBe(true)
    expect(keyFirst.sometimes(b.history, configEffects)).toBe(false)
  })

  it("judges only its own order: a key-then-effect violation is not an effect-then-key one, and the reverse", () => {
    expect(effectFirst.always(processedTwice("kte", skipped, skipped).history, configEffects)).toBeUndefined()
    expect(keyFirst.always(processedTwice("etk", applied, applied).history, configEffects)).toBeUndefined()
  })

  it("is violated by a key-then-effect skip of an id nothing applied or recorded", () => {
    const b = processedTwice("kte", skipped, skipped)
    expect(keyFirst.always(b.history, configEffects)).toEqual({
      step: 3,
      message: "group kte (idempotency-key, key-then-effect, window 1000 ms) skipped orders/0@0 (id \"v0\", member a), but no outcome before it applied or recorded that id"
    })
  })

  it("is violated by a drained key-then-effect ledger that lacks an effect whose key was recorded without a crash between the writes", () => {
    const b = drained(processedTwice("kte", applied, skipped), "kte", [])
    expect(keyFirst.always(b.history, configEffects)).toEqual({
      step: 11,
      message:
        "key-then-effect group kte's ledger (EffectsListed at step 12) has no effect of id \"v0\", whose key was recorded at step 4 (orders/0@0 (id \"v0\", member a)), though no ProcessCrashed left it key-recorded"
    })
    expect(keyFirst.always(drained(processedTwice("kte", applied, skipped), "kte", ["v0"]).history, configEffects)).toBeUndefined()
  })

  it("is violated by an effect-then-key second application while a completed application's key is remembered", () => {
    const b = processedTwice("etk", applied, applied)
    expect(effectFirst.always(b.history, configEffects)).toEqual({
      step: 7,
      message:
        "group etk (idempotency-key, effect-then-key, no window) applied orders/0@0 (id \"v0\", member a) a second time within its window (at 0 ms), but its application at step 4 (at 0 ms) also recorded its key: only a ProcessCrashed that applied it without its key may precede a second application"
    })
  })

  it("effect-then-key with a window: applying again once the recorded key's window has expired is no violation, 1 ms before it is", () => {
    const windowed = withEffect("etk", { remedy: "idempotency-key", dedupOrder: "effect-then-key", dedupWindowMs: 1000 })
    expect(effectFirst.always(processedTwice("etk", applied, applied, 1000).history, windowed)).toBeUndefined()
    expect(effectFirst.always(processedTwice("etk", applied, applied, 999).history, windowed)?.step).toBe(8)
  })

  it("does not show a loss when the lost id was applied after all, nor a duplicate without a crash midway", () => {
    expect(keyFirst.sometimes(processedTwice("kte", keyRecorded, applied, 1000).history, onlyGroups("kte"))).toBe(false)
    expect(effectFirst.sometimes(processedTwice("etk", applied, skipped).history, onlyGroups("etk"))).toBe(false)
  })

  it("is n/a without an idempotency key of its order", () => {
    const reason = (check: typeof keyFirst, config: typeof configEffects) => notApplicableReasonOf(guaranteeById(check.id), check, config)
    expect(reason(keyFirst, configEffects)).toBeUndefined()
    expect(reason(effectFirst, configEffects)).toBeUndefined()
    expect(reason(keyFirst, onlyGroups("etk"))).toBe(
      "needs a group that reads a topic with an idempotency-key effect whose dedupOrder is key-then-effect; the config has none"
    )
    expect(reason(effectFirst, onlyGroups("kte", "atomic", "cas"))).toBe(
      "needs a group that reads a topic with an idempotency-key effect whose dedupOrder is effect-then-key; the config has none"
    )
  })
})
