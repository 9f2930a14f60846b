/**
 * Test helpers: short builders for the answers of failing attempts, so the
 * failure scenario tests read like their step tables.
 *
 * @module
 */
import type { FailureCause } from "../../../spec/failure.ts"
import type { Response } from "../../../spec/response.ts"

/** A record place `[group, member, topic, partition, offset]`, as the answers of `ConsumerProcess` name it. */
export type Place = readonly [group: string, member: string, topic: string, partition: number, offset: number]

const fields = ([group, member, topic, partition, offset]: Place) => ({ group, member, topic, partition, offset })

/** `ProcessFailed` (with `retryAtMs` when given). */
export const failed = (place: Place, cause: FailureCause, attempt: number, retryAtMs?: number): Response => ({
  _tag: "ProcessFailed",
  ...fields(place),
  cause,
  attempt,
  ...(retryAtMs === undefined ? {} : { retryAtMs })
})

/** `ProcessDeadLettered`, the record now at `[topic, partition, offset]` of the dead-letter topic. */
export const deadLettered = (
  place: Place,
  cause: FailureCause,
  attempts: number,
  [topic, partition, offset]: readonly [string, number, number]
): Response => ({
  _tag: "ProcessDeadLettered",
  ...fields(place),
  cause,
  attempts,
  deadLetter: { topic, partition, offset }
})

/** `Processed`. */
export const processed = (place: Place): Response => ({ _tag: "Processed", ...fields(place) })

/** `BackoffPending`. */
export const backoffPending = (place: Place, retryAtMs: number): Response => ({ _tag: "BackoffPending", ...fields(place), retryAtMs })

/** `BreakerOpen`. */
export const breakerOpen = (place: Place, untilMs: number): Response => ({ _tag: "BreakerOpen", ...fields(place), untilMs })

/** `ClockAdvanced` to `nowMs`, nothing else happening. */
export const advanced = (nowMs: number): Response => ({ _tag: "ClockAdvanced", nowMs, expired: [], rebalanced: [] })

/** `DownstreamSet`. */
export const downstreamSet = (group: string, up: boolean): Response => ({ _tag: "DownstreamSet", group, up })
