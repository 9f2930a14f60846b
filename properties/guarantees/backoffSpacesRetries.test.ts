import { describe, expect, it } from "vitest"
import { backoffSpacesRetries as check } from "./backoffSpacesRetries.ts"
import { configFailure as config } from "./internal/configFailure.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"

const all = ["orders/0", "orders/1"]

/** billing's member a is delivered the poison record orders/0@0 and fails it once at 0 ms (retry at 1000 ms). */
const failedOnce = () =>
  new HistoryBuilder()
    .send("orders/0@0", { value: "poison-0" })
    .join("billing", "a", 1, all)
    .poll("billing", "a", ["orders/0@0"])
    .processFailed("billing", "a", "orders/0@0", "poison", 1, 1000)

describe("BackoffSpacesRetries", () => {
  it("holds and is witnessed when a refused attempt is retried at its retry time, each retry backing off twice as long", () => {
    const b = failedOnce()
      .backoffPending("billing", "a", "orders/0@0", 1000)
      .advance(1000, 1000)
      .processFailed("billing", "a", "orders/0@0", "poison", 2, 3000)
      .advance(2000, 3000)
      .deadLettered("billing", "a", "orders/0@0", "poison", 3, "billing-dlt/0@0")
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("is not witnessed without a BackoffPending, nor when the refused member's client is another one when it retries", () => {
    const waited = failedOnce().advance(1000, 1000).processFailed("billing", "a", "orders/0@0", "poison", 2, 3000)
    expect(check.always(waited.history, config)).toBeUndefined()
    expect(check.sometimes(waited.history, config)).toBe(false)
    const crashed = failedOnce()
      .backoffPending("billing", "a", "orders/0@0", 1000)
      .crash("billing", "a")
      .join("billing", "a", 2, all)
      .poll("billing", "a", ["orders/0@0"])
      .advance(1000, 1000)
      .processFailed("billing", "a", "orders/0@0", "poison", 1, 2000)
    // A crash forgets the count: the new client's first attempt is attempt 1, at once.
    expect(check.always(crashed.history, config)).toBeUndefined()
    expect(check.sometimes(crashed.history, config)).toBe(false)
  })

  it("is violated by an attempt numbered wrong", () => {
    const b = failedOnce().advance(1000, 1000).processFailed("billing", "a", "orders/0@0", "poison", 1, 2000)
    expect(check.always(b.history, config)).toEqual({
      step: 5,
      message: "member a of billing failed orders/0@0 as attempt 1, but it is the client's 2nd attempt at it (its 1st failed attempt (step 4, at 0 ms) before)"
    })
  })

  it("is violated by a linear backoff (mutant:backoff-linear) and by a retry time under policy none", () => {
    const linear = failedOnce().advance(1000, 1000).processFailed("billing", "a", "orders/0@0", "poison", 2, 2000)
    expect(check.always(linear.history, config)).toEqual({
      step: 5,
      message: "member a of billing failed orders/0@0 (attempt 2) at 1000 ms with retry time 2000 ms, expected 3000 ms (1000 + backoffMs 1000 · 2^1)"
    })
    const missing = failedOnce().advance(1000, 1000).processFailed("billing", "a", "orders/0@0", "poison", 2)
    expect(check.always(missing.history, config)?.message).toContain("with retry time none, expected 3000 ms")
    const naive = new HistoryBuilder()
      .send("orders/0@0", { value: "poison-0" })
      .join("naive", "a", 1, all)
      .poll("naive", "a", ["orders/0@0"])
      .processFailed("naive", "a", "orders/0@0", "poison", 1)
      .processFailed("naive", "a", "orders/0@0", "poison", 2, 0)
    expect(check.always(naive.history, config)).toEqual({
      step: 4,
      message: "member a of naive failed orders/0@0 (attempt 2) with retry time 0 ms, but naive's policy none retries at once"
    })
  })

  it("is violated by an attempt before the retry time (mutant:backoff-ignored), whatever its answer", () => {
    for (const attempt of ["failed", "dead-lettered", "processed"] as const) {
      const b = failedOnce().advance(999, 999)
      if (attempt === "failed") b.processFailed("billing", "a", "orders/0@0", "poison", 2, 2999)
      else if (attempt === "dead-lettered") b.deadLettered("billing", "a", "orders/0@0", "poison", 2, "billing-dlt/0@0")
      else b.process("billing", "a", "orders/0@0")
      const tag = { failed: "ProcessFailed", "dead-lettered": "ProcessDeadLettered", processed: "Processed" }[attempt]
      expect(check.always(b.history, config), attempt).toEqual({
        step: 5,
        message: `member a of billing attempted orders/0@0 at 999 ms (${tag}), before the retry time 1000 ms that its 1st failed attempt (step 4, at 0 ms) set`
      })
    }
  })

  it("does not count a breaker-open dead-lettering as an attempt", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .join("audit", "a", 1, all)
      .poll("audit", "a", ["orders/0@0"])
      .processFailed("audit", "a", "orders/0@0", "downstream", 1, 500)
      .deadLettered("audit", "a", "orders/0@0", "breaker-open", 1, "audit-dlt/0@0")
    expect(check.always(b.history, config)).toBeUndefined()
  })

  it("is violated by a dead-lettering whose attempts are not the client's count", () => {
    const b = failedOnce().advance(1000, 1000).deadLettered("billing", "a", "orders/0@0", "poison", 3, "billing-dlt/0@0")
    expect(check.always(b.history, config)).toEqual({
      step: 5,
      message: "member a of billing dead-lettered orders/0@0 after 3 attempts, but that was the client's 2nd attempt at it"
    })
  })

  it("is violated by a BackoffPending without a retry time ahead, or with another one", () => {
    const none = new HistoryBuilder()
      .send("orders/0@0")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0"])
      .backoffPending("billing", "a", "orders/0@0", 1000)
    expect(check.always(none.history, config)).toEqual({
      step: 3,
      message: "member a of billing was refused orders/0@0 at 0 ms with BackoffPending until 1000 ms, but the client made no failed attempt at it"
    })
    const other = failedOnce().backoffPending("billing", "a", "orders/0@0", 2000)
    expect(check.always(other.history, config)?.message).toBe(
      "member a of billing was refused orders/0@0 at 0 ms with BackoffPending until 2000 ms, but its 1st failed attempt (step 4, at 0 ms) set the retry time 1000 ms"
    )
    const late = failedOnce().advance(1000, 1000).backoffPending("billing", "a", "orders/0@0", 1000)
    expect(check.always(late.history, config)?.step).toBe(5)
    const naive = new HistoryBuilder()
      .send("orders/0@0", { value: "poison-0" })
      .join("naive", "a", 1, all)
      .poll("naive", "a", ["orders/0@0"])
      .processFailed("naive", "a", "orders/0@0", "poison", 1)
      .backoffPending("naive", "a", "orders/0@0", 0)
    expect(check.always(naive.history, config)?.message).toBe(
      "member a of naive was refused orders/0@0 at 0 ms with BackoffPending until 0 ms, but its 1st failed attempt (step 4, at 0 ms) set no retry time"
    )
  })
})
