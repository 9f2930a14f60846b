import { Clock, Effect } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import type { BreakerConfig } from "../../spec/config.ts"
import { BrokerClock } from "../brokerClock.ts"
import { breakerClosed, breakerRulesStandard, CircuitBreaker } from "./circuitBreaker.ts"

const breaker: BreakerConfig = { failuresMax: 2, coolDownMs: 100, whileOpen: "pause" }
const { admit, failed, succeeded } = breakerRulesStandard

describe("the circuit breaker's rules", () => {
  it("closed: admits every call; failuresMax consecutive failures open it at the last one's clock; a success resets the count", () => {
    expect(admit(breakerClosed, breaker, 5)).toStrictEqual([{ _tag: "Call" }, breakerClosed])
    const once = failed(breakerClosed, breaker, 5)
    expect(once).toStrictEqual({ _tag: "Closed", failures: 1 })
    expect(failed(once, breaker, 7)).toStrictEqual({ _tag: "Open", openedAtMs: 7 })
    expect(failed(succeeded(once, breaker), breaker, 7)).toStrictEqual({ _tag: "Closed", failures: 1 })
  })

  it("open: holds calls until openedAtMs + coolDownMs, then admits the probe, whose failure opens it again and success closes it", () => {
    const open = { _tag: "Open", openedAtMs: 7 } as const
    expect(admit(open, breaker, 106)).toStrictEqual([{ _tag: "Held", untilMs: 107 }, open])
    expect(admit(open, breaker, 107)).toStrictEqual([{ _tag: "Call" }, open])
    expect(failed(open, breaker, 107)).toStrictEqual({ _tag: "Open", openedAtMs: 107 })
    expect(succeeded(open, breaker)).toStrictEqual(breakerClosed)
  })
})

describe("CircuitBreaker", () => {
  it("keeps one breaker per group, on the broker's clock", async () => {
    const program = Effect.gen(function*() {
      const breakers = yield* CircuitBreaker
      breakers.failed("a", breaker)
      breakers.failed("a", breaker)
      const held = [breakers.admit("a", breaker), breakers.admit("b", breaker)]
      yield* TestClock.adjust(100)
      // As the broker does before each command: the broker's clock reads the Clock.
      ;(yield* BrokerClock).observe(yield* Clock.currentTimeMillis)
      return [...held, breakers.admit("a", breaker)]
    }).pipe(Effect.provide(CircuitBreaker.layer), Effect.provide(BrokerClock.layer), Effect.provide(TestClock.layer()))
    expect(await Effect.runPromise(program)).toStrictEqual([{ _tag: "Held", untilMs: 100 }, { _tag: "Call" }, { _tag: "Call" }])
  })
})
