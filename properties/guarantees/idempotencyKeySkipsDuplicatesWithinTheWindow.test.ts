import { describe, expect, it } from "vitest"
import { guaranteeById } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { idempotencyKeySkipsDuplicatesWithinTheWindow as check } from "./idempotencyKeySkipsDuplicatesWithinTheWindow.ts"
import { configEffects, withEffect } from "./internal/configEffects.ts"
import { processedTwice } from "./internal/effectHistories.ts"

const applied = { outcome: "applied" } as const
const skipped = { outcome: "skipped" } as const

describe("IdempotencyKeySkipsDuplicatesWithinTheWindow", () => {
  it("holds and is witnessed when a redelivery or a retried send's duplicate inside the window is skipped", () => {
    for (const again of ["redelivery", "duplicate"] as const) {
      const b = processedTwice("atomic", applied, skipped, 999, again)
      expect(check.always(b.history, configEffects), again).toBeUndefined()
      expect(check.sometimes(b.history, configEffects), again).toBe(true)
    }
  })

  it("holds when a redelivery after the window applies the id again, and does not witness it", () => {
    const b = processedTwice("atomic", applied, applied, 1000)
    expect(check.always(b.history, configEffects)).toBeUndefined()
    expect(check.sometimes(b.history, configEffects)).toBe(false)
  })

  it("is violated by an application inside the window (atomic: 1 ms before it closes)", () => {
    const b = processedTwice("atomic", applied, applied, 999)
    expect(check.always(b.history, configEffects)).toEqual({
      step: 8,
      message:
        "group atomic (idempotency-key, atomic, window 1000 ms) applied orders/0@0 (id \"v0\", member a) at 999 ms, but the id was recorded at step 4 (at 0 ms, applied), within its window, so it should have been skipped"
    })
  })

  it("is violated by a skip of an id never recorded, and by a skip once the window has expired", () => {
    const never = processedTwice("atomic", skipped, skipped)
    expect(check.always(never.history, configEffects)?.message).toBe(
      "group atomic (idempotency-key, atomic, window 1000 ms) skipped orders/0@0 (id \"v0\", member a) at 0 ms, but the id was never applied or recorded before, so it should have been applied"
    )
    const expired = processedTwice("atomic", applied, skipped, 1000)
    expect(check.always(expired.history, configEffects)).toEqual({
      step: 8,
      message:
        "group atomic (idempotency-key, atomic, window 1000 ms) skipped orders/0@0 (id \"v0\", member a) at 1000 ms, but the id's last recording, at step 4 (at 0 ms), is outside its window, so it should have been applied"
    })
  })

  it("without a window, remembers an id forever", () => {
    const forever = withEffect("atomic", { remedy: "idempotency-key" })
    expect(check.always(processedTwice("atomic", applied, skipped, 1_000_000).history, forever)).toBeUndefined()
    expect(check.always(processedTwice("atomic", applied, applied, 1_000_000).history, forever)?.message).toBe(
      "group atomic (idempotency-key, atomic, no window) applied orders/0@0 (id \"v0\", member a) at 1000000 ms, but the id was recorded at step 4 (at 0 ms, applied), within its window, so it should have been skipped"
    )
  })

  it("counts a crash midway as a recording: key-recorded (key-then-effect) and applied (atomic)", () => {
    expect(check.always(processedTwice("kte", { outcome: "key-recorded", crashed: true }, skipped).history, configEffects)).toBeUndefined()
    expect(check.always(processedTwice("kte", { outcome: "key-recorded", crashed: true }, applied).history, configEffects)?.message).toBe(
      "group kte (idempotency-key, key-then-effect, window 1000 ms) applied orders/0@0 (id \"v0\", member a) at 0 ms, but the id was recorded at step 4 (at 0 ms, key-recorded), within its window, so it should have been skipped"
    )
    expect(check.always(processedTwice("atomic", { outcome: "applied", crashed: true }, applied).history, configEffects)?.step).toBe(6)
  })

  it("does not judge an effect-then-key group, whose crash midway leaves no key", () => {
    const b = processedTwice("etk", { outcome: "applied", crashed: true }, applied)
    expect(check.always(b.history, configEffects)).toBeUndefined()
    expect(check.sometimes(processedTwice("etk", applied, skipped).history, configEffects)).toBe(false)
  })

  it("is n/a without an atomic or key-then-effect idempotency key", () => {
    const reason = (config: typeof configEffects) => notApplicableReasonOf(guaranteeById(check.id), check, config)
    expect(reason(configEffects)).toBeUndefined()
    expect(reason(withEffect("kte", undefined))).toBeUndefined()
    expect(reason(withEffect("atomic", { remedy: "idempotency-key", dedupOrder: "effect-then-key" }))).toBeUndefined()
    const none = { ...configEffects, groups: configEffects.groups.filter((group) => group.name !== "atomic" && group.name !== "kte") }
    expect(reason(none)).toBe(
      "needs a group that reads a topic with an idempotency-key effect whose dedupOrder is atomic or key-then-effect; the config has none"
    )
  })
})
