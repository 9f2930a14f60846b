/**
 * Partition logs: each partition of a topic is an append-only sequence of
 * records at offsets `0..highWatermark-1`. Logs share their backing arrays
 * between states, so an append costs O(1) and an old state keeps its own,
 * shorter view.
 *
 * @module
 */
import type { LogRecord } from "../spec/record.ts"
import * as Seq from "./internal/seq.ts"
import type { RoundRobin } from "./partitioner.ts"
import { roundRobinEmpty } from "./partitioner.ts"

/** One partition's log: its records in offset order. */
export type PartitionLog = Seq.Seq<LogRecord>

/** One topic: the logs of its partitions and its producers' round-robin counters. */
export interface TopicLog {
  readonly partitions: ReadonlyArray<PartitionLog>
  readonly counters: RoundRobin
}

/** A topic with `partitions` empty partitions and no counters. */
export const topicLogEmpty = (partitions: number): TopicLog => {
  const logs: Array<PartitionLog> = []
  for (let p = 0; p < partitions; p++) logs.push(Seq.empty())
  return { partitions: logs, counters: roundRobinEmpty }
}

/** The offset the next record appended to this partition gets. */
export const highWatermark = (log: PartitionLog): number => Seq.size(log)

/** The record at `offset`, which must be below the high watermark. */
export const recordAt = (log: PartitionLog, offset: number): LogRecord => Seq.at(log, offset)

/** The partition with `record` appended (its offset must be the high watermark). */
export const appendRecord = (log: PartitionLog, record: LogRecord): PartitionLog => Seq.append(log, record)

/** All records of the partition, in offset order (a fresh array). */
export const records = (log: PartitionLog): ReadonlyArray<LogRecord> => Seq.toArray(log)
