/**
 * The actions of retention: enabled only on a config with a retained topic,
 * so every other config decodes the same choices to the same commands as
 * before. A member of an `autoOffsetReset: none` group whose poll was
 * refused below the log start seeks there (the application's decision the
 * setting leaves to it), and the clock is aimed at the moment time-based
 * retention deletes a partition's oldest record (1 ms before, at, 1 ms
 * after).
 *
 * @module
 */
import { retentionBoundariesOf } from "../driver/retention.ts"
import { addressOf } from "./actions.ts"
import type { Action, DecodeContext } from "./context.ts"
import type { Slot } from "./internal/slots.ts"
import { pick } from "./internal/slots.ts"

/** Running members told by a refused poll where the log starts, and not there yet. */
const outOfRangeOf = (context: DecodeContext): ReadonlyArray<Slot> => context.running.filter((slot) => slot.member.outOfRange.length > 0)

/** A member whose poll was refused below the log start seeks to the log start it was told. */
export const resetSeek: Action = {
  name: "reset-seek",
  weight: 8,
  enabled: (context) => context.driver.retention !== undefined && outOfRangeOf(context).length > 0,
  make: (context, { a, b }) => {
    const slot = pick(outOfRangeOf(context), a)
    const { offset, partition, topic } = pick(slot.member.outOfRange, b)
    return { _tag: "ConsumerSeek", ...addressOf(slot), topic, partition, offset }
  }
}

const aimedOf = (context: DecodeContext): ReadonlyArray<number> => {
  const retention = context.driver.retention
  if (retention === undefined) return []
  const nowMs = context.driver.nowMs
  const aimed = new Set<number>()
  for (const boundary of retentionBoundariesOf(retention, nowMs).slice(0, 3)) {
    for (const delta of [-1, 0, 1]) if (boundary + delta >= nowMs) aimed.add(boundary + delta - nowMs)
  }
  return [...aimed].sort((x, y) => x - y)
}

/** Time passes to the moment retention deletes a partition's oldest record (`a` picks among the aimed advances). */
export const retentionClock: Action = {
  name: "retention-clock",
  weight: 5,
  enabled: (context) => context.driver.retention !== undefined && aimedOf(context).length > 0,
  make: (context, { a }) => ({ _tag: "ClockAdvance", ms: pick(aimedOf(context), a) })
}

/** The retention actions, in the order decoding walks them. */
export const retentionActions: ReadonlyArray<Action> = [resetSeek, retentionClock]
