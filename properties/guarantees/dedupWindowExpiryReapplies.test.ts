import { describe, expect, it } from "vitest"
import { guaranteeById } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { dedupWindowExpiryReapplies as check } from "./dedupWindowExpiryReapplies.ts"
import { configEffects, withEffect } from "./internal/configEffects.ts"
import { processedTwice } from "./internal/effectHistories.ts"

const applied = { outcome: "applied" } as const
const skipped = { outcome: "skipped" } as const

describe("DedupWindowExpiryReapplies", () => {
  it("holds and is witnessed when a redelivery or a duplicate after the window applies the id again", () => {
    for (const again of ["redelivery", "duplicate"] as const) {
      const b = processedTwice("atomic", applied, applied, 1000, again).effects("atomic", { remembered: [{ id: "v0", atMs: 1000 }] })
      expect(check.always(b.history, configEffects), again).toBeUndefined()
      expect(check.sometimes(b.history, configEffects), again).toBe(true)
    }
  })

  it("does not witness a skip inside the window, nor a second application after a crash that left no key (effect-then-key)", () => {
    expect(check.sometimes(processedTwice("atomic", applied, skipped, 999).history, configEffects)).toBe(false)
    const windowed = withEffect("etk", { remedy: "idempotency-key", dedupOrder: "effect-then-key", dedupWindowMs: 1000 })
    const b = processedTwice("etk", { outcome: "applied", crashed: true }, applied, 1000)
    expect(check.always(b.history, windowed)).toBeUndefined()
    expect(check.sometimes(b.history, windowed)).toBe(false)
  })

  it("is violated by a skip once the id's last recording is the window or more before", () => {
    const b = processedTwice("kte", { outcome: "key-recorded", crashed: true }, skipped, 1000)
    expect(check.always(b.history, configEffects)).toEqual({
      step: 7,
      message:
        "group kte (idempotency-key, key-then-effect, window 1000 ms) skipped orders/0@0 (id \"v0\", member a) at 1000 ms, but the id's last recording, at step 4 (at 0 ms), is 1000 ms before: its window had expired, so it should have been applied"
    })
    expect(check.always(processedTwice("kte", { outcome: "key-recorded", crashed: true }, skipped, 999).history, configEffects)).toBeUndefined()
  })

  it("is violated by a listing that remembers an id recorded the window or more before", () => {
    const b = processedTwice("atomic", applied, skipped, 999).advance(1, 1000)
    expect(check.always(b.effects("atomic", { remembered: [{ id: "v0", atMs: 1 }] }).history, configEffects)).toBeUndefined()
    const stale = processedTwice("atomic", applied, skipped, 999).advance(1, 1000).effects("atomic", { remembered: [{ id: "v0", atMs: 0 }] })
    expect(check.always(stale.history, configEffects)).toEqual({
      step: 10,
      message:
        "group atomic (idempotency-key, atomic, window 1000 ms) listed id \"v0\" as remembered at 1000 ms, but it was recorded at 0 ms, 1000 ms or more before: its window had expired"
    })
  })

  it("is n/a without an idempotency key with a window", () => {
    const reason = (config: typeof configEffects) => notApplicableReasonOf(guaranteeById(check.id), check, config)
    expect(reason(configEffects)).toBeUndefined()
    const none = { ...configEffects, groups: configEffects.groups.filter((group) => group.name !== "atomic" && group.name !== "kte") }
    expect(reason(none)).toBe("needs a group that reads a topic with an idempotency-key effect and a dedupWindowMs; the config has none")
  })
})
