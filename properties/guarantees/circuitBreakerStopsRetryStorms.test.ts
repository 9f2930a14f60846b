import { describe, expect, it } from "vitest"
import { circuitBreakerStopsRetryStorms as check } from "./circuitBreakerStopsRetryStorms.ts"
import { configFailure as config } from "./internal/configFailure.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"

const all = ["orders/0", "orders/1"]

/** billing's downstream goes down and two failed calls at 0 ms open its breaker (failuresMax 2) until 5000 ms. */
const opened = () =>
  new HistoryBuilder()
    .send("orders/0@0")
    .send("orders/0@1")
    .join("billing", "a", 1, all)
    .poll("billing", "a", ["orders/0@0", "orders/0@1"])
    .downstream("billing", false)
    .processFailed("billing", "a", "orders/0@0", "downstream", 1, 1000)
    .processFailed("billing", "a", "orders/0@1", "downstream", 1, 1000)
    .advance(1000, 1000)

describe("CircuitBreakerStopsRetryStorms", () => {
  it("holds and is witnessed when the open breaker holds an attempt back and a probe after the cool-down closes it", () => {
    const b = opened()
      .breakerOpen("billing", "a", "orders/0@0", 5000)
      .downstream("billing", true)
      .advance(4000, 5000)
      .process("billing", "a", "orders/0@0")
      .process("billing", "a", "orders/0@1")
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("is not witnessed by a breaker that opened and held back but never closed, nor by one that closed without holding back", () => {
    const b = opened().breakerOpen("billing", "a", "orders/0@0", 5000)
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(false)
    const probed = opened().downstream("billing", true).advance(4000, 5000).process("billing", "a", "orders/0@0")
    expect(check.always(probed.history, config)).toBeUndefined()
    expect(check.sometimes(probed.history, config)).toBe(false)
  })

  it("opens again on a failed probe, from the probe's clock", () => {
    const b = opened()
      .advance(4000, 5000)
      .processFailed("billing", "a", "orders/0@0", "downstream", 2, 7000)
      .advance(2000, 7000)
      .breakerOpen("billing", "a", "orders/0@0", 10000)
    expect(check.always(b.history, config)).toBeUndefined()
  })

  it("is violated by a downstream call while the breaker cools down (mutant:breaker-never-opens), failed or successful", () => {
    const failed = opened().processFailed("billing", "a", "orders/0@0", "downstream", 2, 3000)
    expect(check.always(failed.history, config)).toEqual({
      step: 8,
      message: "member a of billing called its downstream for orders/0@0 at 1000 ms (a failed call), but billing's breaker opened at step 7 (0 ms) and cools down until 5000 ms"
    })
    const processed = opened().downstream("billing", true).process("billing", "a", "orders/0@0")
    expect(check.always(processed.history, config)?.message).toBe(
      "member a of billing called its downstream for orders/0@0 at 1000 ms (a successful call), but billing's breaker opened at step 7 (0 ms) and cools down until 5000 ms"
    )
    // A poison record fails before any call: no call, no violation.
    const poison = opened().send("orders/1@0", { value: "poison-0" }).poll("billing", "a", ["orders/1@0"]).processFailed("billing", "a", "orders/1@0", "poison", 1, 2000)
    expect(check.always(poison.history, config)).toBeUndefined()
  })

  it("is violated by a BreakerOpen while the breaker is closed (mutant:breaker-never-closes) or its cool-down passed", () => {
    const closed = opened().downstream("billing", true).advance(4000, 5000).process("billing", "a", "orders/0@0").breakerOpen("billing", "a", "orders/0@1", 5000)
    expect(check.always(closed.history, config)).toEqual({
      step: 11,
      message: "member a of billing was held back by BreakerOpen for orders/0@1 at 5000 ms, but billing's breaker is closed (0 consecutive failed calls of 2)"
    })
    const cooled = opened().advance(4000, 5000).breakerOpen("billing", "a", "orders/0@0", 5000)
    expect(check.always(cooled.history, config)?.message).toBe(
      "member a of billing was held back by BreakerOpen for orders/0@0 at 5000 ms, but billing's breaker, opened at step 7 (0 ms), had cooled down at 5000 ms (now 5000 ms)"
    )
  })

  it("is violated by a BreakerOpen whose untilMs is not the opening plus the cool-down", () => {
    const b = opened().breakerOpen("billing", "a", "orders/0@0", 6000)
    expect(check.always(b.history, config)).toEqual({
      step: 8,
      message: "member a of billing was held back by BreakerOpen for orders/0@0 at 1000 ms until 6000 ms, but billing's breaker opened at step 7 (0 ms) and cools down until 5000 ms"
    })
  })

  it("is violated by a BreakerOpen or breaker-open dead-lettering of a group without a breaker, or of the other whileOpen", () => {
    const naive = new HistoryBuilder()
      .send("orders/0@0")
      .join("naive", "a", 1, all)
      .poll("naive", "a", ["orders/0@0"])
      .breakerOpen("naive", "a", "orders/0@0", 1000)
    expect(check.always(naive.history, config)).toEqual({
      step: 3,
      message: "member a of naive was held back by BreakerOpen for orders/0@0 at 0 ms, but naive has no breaker"
    })
    const pause = opened().deadLettered("billing", "a", "orders/0@0", "breaker-open", 1, "billing-dlt/0@0")
    expect(check.always(pause.history, config)?.message).toBe(
      "member a of billing was dead-lettered with cause breaker-open for orders/0@0 at 1000 ms, but billing's breaker is whileOpen pause"
    )
    const audit = new HistoryBuilder()
      .send("orders/0@0")
      .join("audit", "a", 1, all)
      .poll("audit", "a", ["orders/0@0"])
      .breakerOpen("audit", "a", "orders/0@0", 3000)
    expect(check.always(audit.history, config)?.message).toBe(
      "member a of audit was held back by BreakerOpen for orders/0@0 at 0 ms, but audit's breaker is whileOpen dead-letter"
    )
  })

  it("counts a last attempt dead-lettered after a failed downstream call as a failed call", () => {
    const opened = () =>
      new HistoryBuilder()
        .send("orders/0@0")
        .send("orders/0@1")
        .join("audit", "a", 1, all)
        .poll("audit", "a", ["orders/0@0", "orders/0@1"])
        .downstream("audit", false)
        .processFailed("audit", "a", "orders/0@0", "downstream", 1, 500)
        .advance(500, 500)
        .deadLettered("audit", "a", "orders/0@0", "downstream", 2, "audit-dlt/0@0")
        .downstream("audit", true)
        .advance(100, 600)
    const held = opened().deadLettered("audit", "a", "orders/0@1", "breaker-open", 0, "audit-dlt/0@1")
    expect(check.always(held.history, config)).toBeUndefined()
    const called = opened().process("audit", "a", "orders/0@1")
    expect(check.always(called.history, config)).toEqual({
      step: 10,
      message: "member a of audit called its downstream for orders/0@1 at 600 ms (a successful call), but audit's breaker opened at step 8 (500 ms) and cools down until 3500 ms"
    })
  })

  it("holds for a breaker that dead-letters while open, and is violated by such a dead-lettering while it is closed", () => {
    const audit = () =>
      new HistoryBuilder()
        .send("orders/0@0")
        .send("orders/0@1")
        .join("audit", "a", 1, all)
        .poll("audit", "a", ["orders/0@0", "orders/0@1"])
        .downstream("audit", false)
        .processFailed("audit", "a", "orders/0@0", "downstream", 1, 500)
    const b = audit().processFailed("audit", "a", "orders/0@1", "downstream", 1, 500).deadLettered("audit", "a", "orders/0@0", "breaker-open", 1, "audit-dlt/0@0")
    expect(check.always(b.history, config)).toBeUndefined()
    const early = audit().deadLettered("audit", "a", "orders/0@0", "breaker-open", 1, "audit-dlt/0@0")
    expect(check.always(early.history, config)).toEqual({
      step: 6,
      message: "member a of audit was dead-lettered with cause breaker-open for orders/0@0 at 0 ms, but audit's breaker is closed (1 consecutive failed calls of 2)"
    })
  })
})
