/**
 * `ClockAdvance`: the runner has already moved the clock by `ms`; the broker
 * reads `nowMs`, expires the sessions that ran out and rebalances each group
 * that lost members once, then the transaction coordinator aborts the
 * transactions that timed out (bumping their epochs), then the queues move
 * every exhausted message whose visibility ended to its dead-letter queue
 * (queue by queue in configuration order, each in queue order), then the
 * log store deletes the expired heads of topics with `retentionMs` (topic by
 * topic in configuration order, each partition in order); answer
 * `ClockAdvanced` (with `transactionsAborted` only when some transaction
 * timed out, `deadLettered` only when some message was moved, and
 * `logStarts` only when some log start moved).
 *
 * A Clock that did not move by exactly `ms` since the previous
 * `ClockAdvance` (or since open) is a defect of the harness, not an invalid
 * command: the handler dies with a message saying so.
 *
 * @module
 */
import type { Handler } from "./handler.ts"

/** The defect of a harness that did not move the Clock by `ms` before handing over `ClockAdvance`. */
export const clockNotMoved = (ms: number, expectedMs: number, nowMs: number): Error =>
  new Error(
    `the harness did not move the Clock by ${ms} ms before ClockAdvance ` +
      `(the broker's time is ${nowMs} ms, expected ${expectedMs} ms); see impl/target.ts`
  )

/** The `ClockAdvance` handler. */
export const clockAdvance: Handler<"ClockAdvance", "ClockAdvanced"> = (s, { ms }) => {
  const { clock, groupCoordinator: coordinator, logStore: logs, queueStore: queues, transactionCoordinator: transactions } = s
  const expectedMs = clock.advancedMs() + ms
  const nowMs = clock.nowMs()
  if (nowMs !== expectedMs) throw clockNotMoved(ms, expectedMs, nowMs)
  clock.setAdvancedMs(nowMs)
  const { expired, rebalanced } = coordinator.expire(nowMs)
  const transactionsAborted = transactions.expire(nowMs)
  const deadLettered = queues.expire(nowMs)
  const logStarts = logs.expire(nowMs)
  return {
    _tag: "ClockAdvanced",
    nowMs,
    expired,
    rebalanced,
    ...(transactionsAborted.length === 0 ? {} : { transactionsAborted }),
    ...(deadLettered.length === 0 ? {} : { deadLettered }),
    ...(logStarts.length === 0 ? {} : { logStarts })
  }
}

