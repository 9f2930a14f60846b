/**
 * What a group's fetch may return under its isolation level (Kafka's
 * `isolation.level`, KIP-98): where a fetch of a partition stops, and which
 * data records a walk skips. Markers are never delivered under either level.
 *
 * @module
 */
import type { Isolation } from "../spec/config.ts"
import type { LogSnapshot } from "./logStore.ts"

/** How fetches honour isolation. The correct policy is {@link isolationKafka}; mutants swap in broken ones. */
export interface IsolationPolicy {
  /** The offset a fetch of the partition stops before. */
  readonly bound: (isolation: Isolation, log: LogSnapshot, topic: string, partition: number) => number
  /** Whether the walk steps over the data record at `offset` without delivering it. */
  readonly skips: (isolation: Isolation, log: LogSnapshot, topic: string, partition: number, offset: number) => boolean
}

/**
 * Kafka's isolation: `read_uncommitted` reads up to the high watermark and
 * delivers every data record; `read_committed` stops at the last stable
 * offset and skips the records of aborted transactions.
 */
export const isolationKafka: IsolationPolicy = {
  bound: (isolation, log, topic, partition) =>
    isolation === "read_committed" ? log.lastStableOffset(topic, partition) : log.highWatermark(topic, partition),
  skips: (isolation, log, topic, partition, offset) =>
    isolation === "read_committed" && log.isAborted(topic, partition, offset)
}
