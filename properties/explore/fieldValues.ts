/**
 * Which values of a choice's fields `a`, `b`, `c` the explorer tries for
 * each action: a bounded alphabet per field that reaches every distinct
 * command the action makes in a small config (or, where an action has
 * unbounded or many cosmetic variants, a documented few of them).
 *
 * Every action builds its command from its fields by `pick(list, field)`
 * (`list[field % list.length]`), by `field % k`, by halving (`c >> 1`), and
 * by comparing a field with a fixed boundary (`heartbeatOldestFrom`,
 * `clockBoundaryFrom`, `pollSizeBoundaryFrom`). So the values
 * `0..length-1` of a field reach every item of the list it picks from, and
 * one value at or above a boundary reaches the other side of it. The table
 * below gives, per action and field, exactly those values, computed from the
 * decoding context (the lists the action picks from) and from the fields
 * already chosen (a poll's sizes depend on the member `a` picked):
 *
 * - `send`: `a` every producer `p0..`, `b` every topic producers send to,
 *   `c` no key (0) or each hot key `k0..k<keysMax-1>` (`2i + 1`). The
 *   awkward keys (empty, long, non-ASCII, lone surrogates) are left out:
 *   they test encodings, not delivery, and would multiply the states.
 * - `join`, `commit`, `crash`, `leave`: `a` every member the action may pick.
 * - `poll`: `a` every live member; `c` every size `1..recordsPerPollMax`
 *   and every size at a limit (`pollSizesAtLimits`).
 * - `process`: `a` every member holding a processable record; `c` every
 *   record it may process.
 * - `heartbeat`: `b` a member `a` picks (each live one) or the oldest.
 * - `clock`: `b` a free advance, with `a` = 0, 500 or 999 (none, about a
 *   quarter of `clockAdvanceMsMax`, all of it: a free advance is a square
 *   law over 0..999, so every other value is one more length of time), or an
 *   advance aimed at a session age, `a` each listed member, `c` each of the
 *   six aimed ages.
 * - `seek`: `a` every member that may seek, `b` every partition it may seek
 *   in, `c` every offset of that range.
 * - `zombie`: `a` every zombie, `c` its poll, heartbeat or commit.
 * - `invalid`: each possible kind of invalid command on its own (see
 *   `enumerate.ts`), its `a` every member or producer slot, its `b` every
 *   topic or assigned partition it may name,
 *   `c` up to 7, twice a topic's partitions plus 2, and each partition's
 *   high watermark plus 1 (the kinds pick by `c % 7`, `c % 2`, `c % 3`,
 *   `c >> 1` and `c % (highWatermark + 1)`).
 * - Every other action (producers, transactions, exactly-once members,
 *   effects and services, queues, failures, retention: configs beyond the
 *   stream core) reads each field over `0..genericFieldRange - 1`: every
 *   pick among up to 8 items and every `% 2`, `% 4` and `% 8`, a bounded
 *   subset of their commands where their lists are longer or they cross a
 *   boundary higher up.
 *
 * @module
 */
import type { Choice } from "../choice.ts"
import type { DecodeContext } from "../generate/context.ts"
import { pick } from "../generate/internal/slots.ts"
import { clockBoundaryFrom, heartbeatOldestFrom, listedOf, pollSizeBoundaryFrom, pollSizesAtLimits } from "../generate/limits.ts"
import { sendTopicsOf } from "../generate/actions.ts"
import { highWatermarkOf } from "../driver/driver.ts"
import { processableOf, seekRangesOf } from "../driver/protocol.ts"

/** A choice field an action reads. */
export type Field = "a" | "b" | "c"

/** The fields chosen so far while enumerating one action's commands (`undefined`: not chosen yet). */
export type FieldsChosen = Readonly<Record<Field, number | undefined>>

/** The values to try for one field, given the context and the fields chosen so far. */
export type FieldValues = (context: DecodeContext, chosen: FieldsChosen) => ReadonlyArray<number>

/** How far a field ranges for an action the table does not list: `0..genericFieldRange - 1`. */
export const genericFieldRange = 8

/** `0..count - 1` (at least `[0]`: a field an action reads always needs one value). */
export const valuesUpTo = (count: number): ReadonlyArray<number> => {
  const values: Array<number> = [0]
  for (let i = 1; i < count; i++) values.push(i)
  return values
}

const genericValues: ReadonlyArray<number> = valuesUpTo(genericFieldRange)

const slotAt = <A>(items: ReadonlyArray<A>, field: number | undefined): A | undefined =>
  items.length === 0 ? undefined : pick(items, field ?? 0)

const freeClockValues: ReadonlyArray<number> = [0, 500, 999]

/**
 * The values of `c` that reach every command of each invalid kind: `c % 7`
 * (a member without a client), `c % 2` with `c >> 1` (a partition it does not
 * own, of up to `partitions + 1`), `c % 2` with `c % 3` (above the high
 * watermark), `c % partitions` and `c % (highWatermark + 1)` (a record it was
 * not delivered; every combination of the two only where these are coprime
 * or one divides the other, as on a single partition).
 */
const invalidOffsetsRange = (context: DecodeContext): number => {
  let range = 7
  for (const topic of context.config.topics) {
    range = Math.max(range, 2 * (topic.partitions + 1))
    for (let partition = 0; partition < topic.partitions; partition++) {
      range = Math.max(range, highWatermarkOf(context.driver, topic.name, partition) + 1)
    }
  }
  return range
}

/** The table: per action name, the values of each field it lists (see the module comment). */
const table: Readonly<Record<string, Partial<Record<Field, FieldValues>>>> = {
  send: {
    a: (context) => valuesUpTo(context.config.bounds.producersMax),
    b: (context) => valuesUpTo(sendTopicsOf(context.config).length),
    c: (context) => [0, ...valuesUpTo(context.config.bounds.keysMax).map((i) => 2 * i + 1)]
  },
  join: { a: (context) => valuesUpTo(context.joinable.length) },
  poll: {
    a: (context) => valuesUpTo(context.live.length),
    c: (context, chosen) => {
      const slot = slotAt(context.live, chosen.a)
      const limits = slot === undefined ? 0 : pollSizesAtLimits(context, slot).length
      return [...valuesUpTo(context.config.bounds.recordsPerPollMax), ...valuesUpTo(limits).map((i) => pollSizeBoundaryFrom + i)]
    }
  },
  process: {
    a: (context) => valuesUpTo(context.processing.length),
    c: (context, chosen) => {
      const slot = slotAt(context.processing, chosen.a)
      return valuesUpTo(slot === undefined ? 1 : processableOf(slot.group, slot.member).length)
    }
  },
  commit: { a: (context) => valuesUpTo(context.committing.length) },
  heartbeat: {
    a: (context) => valuesUpTo(context.live.length),
    b: () => [0, heartbeatOldestFrom]
  },
  clock: {
    a: (context, chosen) => ((chosen.b ?? 0) < clockBoundaryFrom ? freeClockValues : valuesUpTo(listedOf(context).length)),
    b: () => [0, clockBoundaryFrom],
    c: () => valuesUpTo(6)
  },
  crash: { a: (context) => valuesUpTo(context.running.length) },
  leave: { a: (context) => valuesUpTo(context.live.length) },
  seek: {
    a: (context) => valuesUpTo(context.seeking.length),
    b: (context, chosen) => {
      const slot = slotAt(context.seeking, chosen.a)
      return valuesUpTo(slot === undefined ? 1 : seekRangesOf(context.driver, slot.group, slot.member).length)
    },
    c: (context, chosen) => {
      const slot = slotAt(context.seeking, chosen.a)
      const range = slot === undefined ? undefined : slotAt(seekRangesOf(context.driver, slot.group, slot.member), chosen.b)
      return valuesUpTo(range === undefined ? 1 : range.high - range.low + 1)
    }
  },
  zombie: {
    a: (context) => valuesUpTo(context.zombies.length),
    c: () => valuesUpTo(3)
  },
  invalid: {
    a: (context) => valuesUpTo(Math.max(context.slots.length, context.config.bounds.producersMax)),
    b: (context) => {
      let inner = context.config.topics.length
      for (const slot of context.running) inner = Math.max(inner, slot.member.assignment.length)
      return valuesUpTo(inner)
    },
    c: (context) => valuesUpTo(invalidOffsetsRange(context))
  }
}

/** The values to try for `field` of the action named `action` (see the module comment). */
export const fieldValuesOf = (action: string, field: Field, context: DecodeContext, chosen: FieldsChosen): ReadonlyArray<number> => {
  const values = table[action]?.[field]
  return values === undefined ? genericValues : values(context, chosen)
}

/** The choice with the chosen fields (0 for a field the action did not read) and `action` as given. */
export const choiceOf = (action: number, chosen: FieldsChosen): Choice => ({ action, a: chosen.a ?? 0, b: chosen.b ?? 0, c: chosen.c ?? 0 })
