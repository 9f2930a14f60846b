/**
 * Arguments aimed at the limits that matter: clock advances that land just
 * before, at and just after the moment a member's session expires (or at a
 * quarter, half or three quarters of its timeout), heartbeats from the
 * member whose session is oldest, and poll sizes just below, at and just
 * above every limit the config and the view imply.
 *
 * @module
 */
import { drainRecordsMax } from "../drain.ts"
import type { MemberView } from "../driver/driver.ts"
import { highWatermarkOf, partitionKey } from "../driver/driver.ts"
import type { DecodeContext } from "./context.ts"
import type { Slot } from "./internal/slots.ts"

/** A clock choice with `b` from here on aims at a member's session age (40% of them), see {@link sessionAgesAimedMs}. */
export const clockBoundaryFrom = 600

/** A poll choice with `c` from here on asks for a size at a limit (20% of them). */
export const pollSizeBoundaryFrom = 800

/** A heartbeat choice with `b` from here on picks the member heard from longest ago (half of them). */
export const heartbeatOldestFrom = 500

/**
 * The slot whose member was heard from longest ago (the smallest
 * `lastHeardMs`; the first such slot on a tie), so its heartbeat comes at the
 * oldest session age the run has. `slots` must not be empty.
 */
export const oldestOf = (slots: ReadonlyArray<Slot>): Slot =>
  slots.reduce((oldest, slot) => (slot.member.lastHeardMs < oldest.member.lastHeardMs ? slot : oldest))

/** The member slots the broker lists (running or crashed), whose sessions can expire. */
export const listedOf = (context: DecodeContext): ReadonlyArray<Slot> => context.slots.filter((slot) => slot.member.listed)

/**
 * The session ages a clock advance aims at, for session timeout `T`: the
 * boundary first (`T - 1`: 1 ms left to live; `T` and `T + 1`: expired), then
 * `T/4`, `T/2` and `3T/4` (rounded down), so a heartbeat that follows comes at
 * every age of a session.
 *
 * @example
 * ```ts
 * sessionAgesAimedMs(30_000) // [29_999, 30_000, 30_001, 7_500, 15_000, 22_500]
 * ```
 */
export const sessionAgesAimedMs = (sessionTimeoutMs: number): ReadonlyArray<number> => [
  sessionTimeoutMs - 1,
  sessionTimeoutMs,
  sessionTimeoutMs + 1,
  Math.floor(sessionTimeoutMs / 4),
  Math.floor(sessionTimeoutMs / 2),
  Math.floor((3 * sessionTimeoutMs) / 4)
]

/**
 * The advance that makes the member's session `ageMs` old (its session
 * expires at `lastHeardMs + sessionTimeoutMs`, so `sessionTimeoutMs - 1` leaves
 * it 1 ms to live and `sessionTimeoutMs` expires it); zero when it is already
 * older.
 *
 * @example
 * ```ts
 * // heard from at 0, now 10_000, session timeout 30_000:
 * sessionAgeAdvanceMs(context, member, 29_999) // 19_999
 * ```
 */
export const sessionAgeAdvanceMs = (context: DecodeContext, member: MemberView, ageMs: number): number =>
  Math.max(0, member.lastHeardMs + ageMs - context.driver.nowMs)

/**
 * The records left for the member in its assigned partitions, as far as it
 * knows (from its positions; a partition without a known position counts
 * whole).
 */
export const backlogOf = (context: DecodeContext, member: MemberView): number => {
  let backlog = 0
  for (const { partition, topic } of member.assignment) {
    const position = member.positions.get(partitionKey(topic, partition)) ?? 0
    backlog += Math.max(0, highWatermarkOf(context.driver, topic, partition) - position)
  }
  return backlog
}

/**
 * Poll sizes one below, at and one above each limit: the config's
 * `recordsPerPollMax`, the member's backlog ({@link backlogOf}) and the
 * drain's `drainRecordsMax`; only positive sizes, each once, in that order.
 */
export const pollSizesAtLimits = (context: DecodeContext, slot: Slot): ReadonlyArray<number> => {
  const sizes: Array<number> = []
  for (const limit of [context.config.bounds.recordsPerPollMax, backlogOf(context, slot.member), drainRecordsMax]) {
    for (const size of [limit - 1, limit, limit + 1]) if (size >= 1 && !sizes.includes(size)) sizes.push(size)
  }
  return sizes
}
