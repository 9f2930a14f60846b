/**
 * Retention as the answers show it: each partition's log start offset (where
 * its oldest remaining entry sits) and, for a topic with `retentionMs`, the
 * clock of every append, so the start that time retention implies can be
 * computed at any clock. Part of {@link Replay} (its `logStarts`), the one
 * home of log starts for every checker.
 *
 * A log start moves two ways (spec/config.ts `TopicConfig`):
 * - by time, at a `ClockAdvance`, which reports it in `ClockAdvanced.logStarts`:
 *   the replay takes the answer's word ({@link LogStarts.moveTo}), and
 *   RetentionLossesAreDocumented compares it with
 *   {@link LogStarts.expiredEndOf};
 * - by size, right after an append, which no answer reports: the start is
 *   then at least `highWatermark - retentionRecordsMax`, exactly, so the
 *   replay applies it itself ({@link LogStarts.appended}).
 *
 * @module
 */
import type { Config, TopicConfig } from "../../../spec/index.ts"
import { partitionKey } from "./keys.ts"

/** One partition's retention state: its log start, its high watermark, and the append clock of each offset (time retention only). */
interface PartitionStart {
  start: number
  end: number
  /** The clock of the append at each offset from 0 (kept for topics with `retentionMs` only). */
  readonly appendedAtMs: Array<number>
}

/** The log starts of one history's partitions; see the module comment. */
export class LogStarts {
  private readonly topics: ReadonlyMap<string, TopicConfig>
  private readonly partitions = new Map<string, PartitionStart>()

  constructor(config: Config) {
    this.topics = new Map(config.topics.map((topic) => [topic.name, topic]))
  }

  private partition(topic: string, partition: number): PartitionStart {
    const key = partitionKey(topic, partition)
    let state = this.partitions.get(key)
    if (state === undefined) this.partitions.set(key, (state = { start: 0, end: 0, appendedAtMs: [] }))
    return state
  }

  /** The partition's log start offset as the answers so far show it (0 until retention deleted something). */
  startOf(topic: string, partition: number): number {
    return this.partitions.get(partitionKey(topic, partition))?.start ?? 0
  }

  /**
   * An append at `offset` at clock `nowMs`: the high watermark reaches past it
   * and, in a topic with `retentionRecordsMax`, the start moves up to
   * `highWatermark - retentionRecordsMax` when that is above it.
   */
  appended(topic: string, partition: number, offset: number, nowMs: number): void {
    const config = this.topics.get(topic)
    if (config === undefined || !hasRetention(config)) return
    const state = this.partition(topic, partition)
    state.end = Math.max(state.end, offset + 1)
    if (config.retentionMs !== undefined) {
      // Offsets an answer skipped (a broken target) take the clock of the next one named.
      while (state.appendedAtMs.length <= offset) state.appendedAtMs.push(nowMs)
    }
    if (config.retentionRecordsMax !== undefined) state.start = Math.max(state.start, state.end - config.retentionRecordsMax)
  }

  /** A `ClockAdvanced` answer says the partition's log start moved to `offset` (never back). */
  moveTo(topic: string, partition: number, offset: number): void {
    const state = this.partition(topic, partition)
    state.start = Math.max(state.start, offset)
  }

  /**
   * Where time retention puts the partition's log start at `nowMs`: past
   * every entry with `appendedAtMs + retentionMs <= nowMs` from the current
   * start (the entries are in clock order, so they are a prefix), or the
   * current start when the topic has no `retentionMs`.
   */
  expiredEndOf(topic: string, partition: number, nowMs: number): number {
    const retentionMs = this.topics.get(topic)?.retentionMs
    const state = this.partitions.get(partitionKey(topic, partition))
    if (retentionMs === undefined || state === undefined) return state?.start ?? 0
    let offset = state.start
    while (offset < state.end && (state.appendedAtMs[offset] ?? 0) + retentionMs <= nowMs) offset += 1
    return offset
  }
}

/** Whether a topic has retention, by time or by size. */
export const hasRetention = (topic: TopicConfig): boolean => topic.retentionMs !== undefined || topic.retentionRecordsMax !== undefined
