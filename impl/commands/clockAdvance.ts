/**
 * `ClockAdvance`: the runner has already moved the clock by `ms`; the broker
 * reads `nowMs`, expires the sessions that ran out and rebalances each group
 * that lost members once; answer `ClockAdvanced`.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerClock } from "../brokerClock.ts"
import { GroupCoordinator } from "../groupCoordinator.ts"
import type { Handler } from "./handler.ts"

/** The `ClockAdvance` handler. */
export const makeClockAdvance = Effect.gen(function*() {
  const clock = yield* BrokerClock
  const coordinator = yield* GroupCoordinator
  const handler: Handler<"ClockAdvance", "ClockAdvanced"> = () =>
    Effect.gen(function*() {
      const nowMs = yield* clock.nowMs
      const { expired, rebalanced } = yield* coordinator.expire(nowMs)
      return { _tag: "ClockAdvanced", nowMs, expired, rebalanced }
    })
  return handler
})
