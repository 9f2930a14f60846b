/**
 * Arguments aimed at the limits that matter: clock advances that land just
 * before, at and just after the moment a member's session expires, and poll
 * sizes just below, at and just above every limit the config and the view
 * imply.
 *
 * @module
 */
import { drainRecordsMax } from "../drain.ts"
import type { MemberView } from "../driver/driver.ts"
import { highWatermarkOf, partitionKey } from "../driver/driver.ts"
import type { DecodeContext } from "./context.ts"
import type { Slot } from "./internal/slots.ts"

/** A clock choice with `b` from here on aims at a session boundary (40% of them). */
export const clockBoundaryFrom = 600

/** A poll choice with `c` from here on asks for a size at a limit (20% of them). */
export const pollSizeBoundaryFrom = 800

/** The member slots the broker lists (running or crashed), whose sessions can expire. */
export const listedOf = (context: DecodeContext): ReadonlyArray<Slot> => context.slots.filter((slot) => slot.member.listed)

/**
 * The advance that moves the clock to `offsetMs` around the moment the
 * member's session expires (`lastHeardMs + sessionTimeoutMs`; `-1` leaves it
 * 1 ms to live, `0` and `1` expire it), never negative.
 *
 * @example
 * ```ts
 * // heard from at 0, now 10_000, session timeout 30_000:
 * sessionBoundaryAdvanceMs(context, member, -1) // 19_999
 * ```
 */
export const sessionBoundaryAdvanceMs = (context: DecodeContext, member: MemberView, offsetMs: number): number =>
  Math.max(0, member.lastHeardMs + context.config.sessionTimeoutMs - context.driver.nowMs + offsetMs)

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
