/**
 * Where a member's delivery of a partition must start, from its own group's
 * history: its position (the end of its previous delivery, its last seek, or
 * the position its previous poll gave the partition) or, with no position
 * (after a join or a sync), its group's last committed offset, or the
 * partition's log start (0 until retention deleted something); a reset the
 * poll itself reports (retention deleted the start) moves it to the reset's
 * end. Shared
 * by PartitionOrderPreserved (a start elsewhere is a gap or a step back in
 * what the group reads) and GroupsAreIndependent (a start that another
 * group's newer commit explains).
 *
 * @module
 */
import type { OffsetReset } from "../../../spec/index.ts"
import type { LogRecord } from "../../../spec/record.ts"
import { partitionKey, showPartition, showRecord } from "./keys.ts"
import type { ClientView, GroupView, Position, Replay } from "./replay.ts"
import type { Skips } from "./skips.ts"

/** A delivery that does not start where the member's own group's history puts it. */
export interface StartMismatch {
  readonly group: string
  readonly member: string
  readonly record: LogRecord
  readonly expected: number
  /** Where `expected` comes from, in words. */
  readonly origin: string
  /**
   * The other groups whose commit of this partition, newer than any of the
   * member's own group, is the offset the delivery started from: the
   * delivery was caused by another group's history.
   */
  readonly causedBy: ReadonlyArray<string>
}

/** Where the member's next read of a partition comes from, in words. */
const originOf = (group: GroupView, position: Position | undefined, key: string, logStart: number): string => {
  if (position !== undefined) {
    switch (position.source) {
      case "delivery":
        return `its delivery of step ${position.step + 1} ended there`
      case "seek":
        return `it sought there at step ${position.step + 1}`
      case "poll":
        return `its poll of step ${position.step + 1} set its position there`
      case "reset":
        return `its poll of step ${position.step + 1} reset its position there`
    }
  }
  const committed = group.committed.get(key)
  return committed === undefined
    ? `${group.name} has committed nothing for it${logStart > 0 ? `, and its log start is ${logStart}` : ""}`
    : `${group.name} committed it at step ${committed.step + 1}`
}

/**
 * Where the member's read of the partition must start in its own group's
 * history, with where that comes from: the reset this poll reports for it,
 * else the client's position, else its group's committed offset, else the
 * partition's log start.
 */
const ownStartOf = (
  replay: Replay,
  group: GroupView,
  client: ClientView,
  topic: string,
  partition: number,
  resets: ReadonlyArray<OffsetReset> | undefined
): { readonly expected: number; readonly origin: () => string } => {
  const reset = resets?.find((r) => r.topic === topic && r.partition === partition)
  if (reset !== undefined) return { expected: reset.to, origin: () => `the poll reset it from ${reset.from} to ${reset.to}` }
  const key = partitionKey(topic, partition)
  const position = client.positions.get(key)
  const logStart = replay.logStart(topic, partition)
  return {
    expected: position?.offset ?? group.committed.get(key)?.offset ?? logStart,
    origin: () => originOf(group, position, key, logStart)
  }
}

/**
 * The other groups whose commit of the partition `key`, newer than any of
 * `group`'s own, is at an offset `explains` accepts.
 */
const newerCommitsOf = (replay: Replay, group: GroupView, key: string, explains: (offset: number) => boolean): ReadonlyArray<string> => {
  const ownStep = group.committed.get(key)?.step ?? -1
  const causedBy: Array<string> = []
  for (const other of replay.allGroups()) {
    const committed = other.committed.get(key)
    if (other.name === group.name || committed === undefined) continue
    if (explains(committed.offset) && committed.step > ownStep) causedBy.push(other.name)
  }
  return causedBy
}

/**
 * The first partition of a `Polled` answer (to `member` of `groupName`, with
 * `records`) whose first record is not at the member's position in its own
 * group's history (past the offsets a reader of its isolation steps over:
 * markers, and aborted records under `read_committed`), looked up in the
 * replay before the answer is applied, with the poll's `resets`.
 */
export const startMismatchOf = (
  replay: Replay,
  skips: Skips,
  groupName: string,
  member: string,
  records: ReadonlyArray<LogRecord>,
  resets?: ReadonlyArray<OffsetReset>
): StartMismatch | undefined => {
  const group = replay.group(groupName)
  const client = group.client(member)
  const isolation = replay.isolation(groupName)
  const seen = new Set<string>()
  for (const record of records) {
    const key = partitionKey(record.topic, record.partition)
    if (seen.has(key)) continue
    seen.add(key)
    const { expected, origin } = ownStartOf(replay, group, client, record.topic, record.partition, resets)
    if (skips.continues(record.topic, record.partition, expected, record.offset, isolation)) continue
    const causedBy = newerCommitsOf(
      replay,
      group,
      key,
      (offset) => skips.continues(record.topic, record.partition, offset, record.offset, isolation)
    )
    const next = skips.next(record.topic, record.partition, expected, isolation)
    const past = next === expected ? "" : `, and offsets ${expected} to ${next - 1} hold only markers or records it skips`
    return { group: groupName, member, record, expected: next, origin: `${origin()}${past}`, causedBy }
  }
  return undefined
}

/** `member m of g was delivered t/p from t/p@o, but its own group's history puts it at offset x: <origin>`. */
export const showStartMismatch = (mismatch: StartMismatch): string => {
  const { record } = mismatch
  return `member ${mismatch.member} of ${mismatch.group} was delivered ${showPartition(record.topic, record.partition)} from ${
    showRecord(record.topic, record.partition, record.offset)
  }, but its own group's history puts it at offset ${mismatch.expected}: ${mismatch.origin}`
}

/**
 * A partition a poll delivered nothing from although records wait at the
 * member's position in its own group's history: the poll was not full, so
 * the target started that partition at or past its log's end.
 */
export interface EmptyStartMismatch {
  readonly group: string
  readonly member: string
  readonly topic: string
  readonly partition: number
  readonly expected: number
  /** The partition's log end as the `Sent` answers before the poll show it. */
  readonly logEnd: number
  /** Where `expected` comes from, in words. */
  readonly origin: string
  /**
   * The other groups whose commit of this partition, newer than any of the
   * member's own group, is at or past the log's end: where the empty
   * delivery started.
   */
  readonly causedBy: ReadonlyArray<string>
}

/**
 * The partitions the member owns (in assignment order) that a `Polled`
 * answer with fewer than `recordsMax` records delivered nothing from, though
 * their logs hold records from the member's position in its own group's
 * history on; looked up in the replay before the answer is applied. A full
 * poll (`recordsMax` records) says nothing about the partitions it left out.
 * The records wait only below where a reader of the group's isolation stops
 * (`Replay.stableEnd`) and past the offsets it steps over; a `read_committed`
 * member without a position waits for a transaction holding its group's
 * offsets (KIP-447) and is not judged. Records below the partition's log
 * start do not wait (retention deleted them), and a partition the poll
 * reset waits from the reset's end.
 */
export const emptyStartMismatchesOf = (
  replay: Replay,
  skips: Skips,
  groupName: string,
  member: string,
  records: ReadonlyArray<LogRecord>,
  recordsMax: number,
  resets?: ReadonlyArray<OffsetReset>
): ReadonlyArray<EmptyStartMismatch> => {
  const mismatches: Array<EmptyStartMismatch> = []
  if (records.length >= recordsMax) return mismatches
  const group = replay.group(groupName)
  const client = group.client(member)
  const delivered = new Set(records.map((record) => partitionKey(record.topic, record.partition)))
  const isolation = replay.isolation(groupName)
  for (const { partition, topic } of client.assignment) {
    const key = partitionKey(topic, partition)
    if (delivered.has(key)) continue
    if (!client.positions.has(key) && replay.waitsForOffsets(groupName, topic, partition)) continue
    const own = ownStartOf(replay, group, client, topic, partition, resets)
    const expected = Math.max(own.expected, replay.logStart(topic, partition))
    const origin = own.origin
    const logEnd = replay.stableEnd(topic, partition, isolation)
    if (logEnd === undefined || skips.next(topic, partition, expected, isolation) >= logEnd) continue
    const causedBy = newerCommitsOf(replay, group, key, (offset) => offset >= logEnd)
    mismatches.push({ group: groupName, member, topic, partition, expected, logEnd, origin: origin(), causedBy })
  }
  return mismatches
}

/** `member m of g was delivered nothing from t/p, but its own group's history puts it at offset x, where t/p@x waits: <origin>`. */
export const showEmptyStartMismatch = (mismatch: EmptyStartMismatch): string =>
  `member ${mismatch.member} of ${mismatch.group} was delivered nothing from ${showPartition(mismatch.topic, mismatch.partition)}, but its own group's history puts it at offset ${mismatch.expected}, where ${
    showRecord(mismatch.topic, mismatch.partition, mismatch.expected)
  } waits: ${mismatch.origin}`
