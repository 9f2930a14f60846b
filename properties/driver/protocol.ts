/**
 * The consumer protocols of the three delivery modes, as rules over the
 * driver's view: which buffered records a member may process, what it
 * commits, and where it may seek. A correct broker driven by these rules
 * keeps the guarantees of the mode.
 *
 * - at-least-once (poll, process, commit): any buffered record may be
 *   processed; a commit never passes a record the member still holds
 *   unprocessed; seeks only go back (replay).
 * - at-most-once (poll, commit, process): a record may be processed only once
 *   a successful commit of the same client epoch covered it (a commit fenced
 *   by a rebalance, or one from before a sync, clears nothing, so a
 *   redelivered record is processed at most once); the commit is the position
 *   reached; seeks only go forward (skip), up to the high watermark.
 * - exactly-once (poll read_committed, begin, process, send offsets, commit):
 *   each partition's next fresh record only, inside an open transaction; the
 *   loop itself (aborts, rewinds, zombies) is in `exactlyOnce.ts`.
 *
 * What a member processes, and in what order, is its group's
 * `processingOrder` (spec/config.ts), stated per protocol:
 *
 * - `any` (the default): the member may process any record its protocol
 *   lets it process, as a pool of workers would.
 * - `delivery`: the member processes only the first record its protocol lets
 *   it process, in buffer (delivery) order, as a single-threaded loop does:
 *   under at-least-once the oldest buffered record; under at-most-once the
 *   oldest record a commit of its delivery's epoch cleared (a record that can
 *   no longer be cleared, from an earlier epoch or never covered, is passed
 *   over, as the protocol already passes it over).
 * - exactly-once groups process each partition's next record whatever the
 *   order says (the consume-transform-produce loop).
 *
 * The final drain processes {@link firstProcessableOf} one record at a time,
 * so it already processes in delivery order under either setting.
 *
 * @module
 */
import type { PartitionOffset } from "../../spec/record.ts"
import type { Delivery, Driver, GroupView, MemberView } from "./driver.ts"
import { highWatermarkOf, partitionKey } from "./driver.ts"
import { exactlyOnceProcessableOf } from "./exactlyOnce.ts"

/**
 * The buffered records the member's protocol lets it process now, in buffer
 * order: all of them under at-least-once, the cleared ones under at-most-once,
 * each partition's next one under exactly-once (see `exactlyOnce.ts`; the
 * member also needs an open transaction). A group that processes in
 * `delivery` order (not exactly-once) may process only the first of them.
 */
export const processableOf = (group: GroupView, member: MemberView): ReadonlyArray<Delivery> => {
  if (group.mode === "exactly-once") return exactlyOnceProcessableOf(member)
  if (group.processingOrder === "delivery") {
    const first = firstProcessableOf(group, member)
    return first === undefined ? [] : [first]
  }
  return group.mode === "at-least-once" ? member.buffer : member.buffer.filter((delivery) => delivery.cleared)
}

/** The first of {@link processableOf}, if any (without building it). */
export const firstProcessableOf = (group: GroupView, member: MemberView): Delivery | undefined => {
  if (group.mode === "at-least-once") return member.buffer[0]
  if (group.mode === "exactly-once") return exactlyOnceProcessableOf(member)[0]
  for (const delivery of member.buffer) if (delivery.cleared) return delivery
  return undefined
}

/** Whether {@link processableOf} is non-empty (without building it). */
export const hasProcessable = (group: GroupView, member: MemberView): boolean =>
  firstProcessableOf(group, member) !== undefined

/**
 * The offsets the member's protocol commits now, one per partition delivered
 * records in this epoch (in first-delivery order): the position reached,
 * lowered under at-least-once to the lowest offset of that partition still
 * held unprocessed. Empty when nothing was delivered since the last sync.
 */
export const commitOffsetsOf = (group: GroupView, member: MemberView): ReadonlyArray<PartitionOffset> => {
  const offsets: Array<PartitionOffset> = []
  for (const { partition, topic } of member.delivered) {
    let offset = member.positions.get(partitionKey(topic, partition))
    if (offset === undefined) continue
    if (group.mode === "at-least-once") {
      for (const delivery of member.buffer) {
        if (delivery.topic === topic && delivery.partition === partition && delivery.offset < offset) {
          offset = delivery.offset
        }
      }
    }
    offsets.push({ topic, partition, offset })
  }
  return offsets
}

/** A partition the member may seek in, and the offsets its protocol allows (`low..high`). */
export interface SeekRange {
  readonly topic: string
  readonly partition: number
  readonly low: number
  readonly high: number
}

/**
 * Where the member may seek: partitions of its client's assignment whose
 * position it knows (it reached one in this epoch). At-least-once goes back
 * (`0..position`), at-most-once forward (`position..highWatermark`).
 */
export const seekRangesOf = (driver: Driver, group: GroupView, member: MemberView): ReadonlyArray<SeekRange> => {
  const ranges: Array<SeekRange> = []
  for (const { partition, topic } of member.assignment) {
    const key = partitionKey(topic, partition)
    const position = member.positions.get(key)
    if (position === undefined) continue
    if (group.mode === "at-least-once") {
      ranges.push({ topic, partition, low: 0, high: position })
    } else {
      const highWatermark = highWatermarkOf(driver, topic, partition)
      if (position <= highWatermark) ranges.push({ topic, partition, low: position, high: highWatermark })
    }
  }
  return ranges
}

/** Whether {@link seekRangesOf} is non-empty (without building it). */
export const canSeek = (driver: Driver, group: GroupView, member: MemberView): boolean => {
  if (member.positions.size === 0) return false
  for (const { partition, topic } of member.assignment) {
    const position = member.positions.get(partitionKey(topic, partition))
    if (position === undefined) continue
    if (group.mode === "at-least-once" || position <= highWatermarkOf(driver, topic, partition)) return true
  }
  return false
}
