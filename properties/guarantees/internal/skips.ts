/**
 * The offsets a reader steps over without delivering them: transaction
 * markers (under both isolations) and, under `read_committed`, records of
 * aborted transactions. Known from the answers (the markers a transaction's
 * end names, the records an aborted transaction appended) and from the
 * drain's dumps. On a history without transactions there are none, and every
 * check that uses this reads offsets as consecutive, as before.
 *
 * @module
 */
import type { Config, History, Isolation } from "../../../spec/index.ts"
import { dumpedLogsOf } from "./dumps.ts"
import { partitionKey } from "./keys.ts"
import { Replay } from "./replay.ts"
import { showsTransactions } from "./transactional.ts"
import { memoByHistoryAndConfig } from "./historyMemo.ts"

/** The skipped offsets of one history; see the module comment. */
export class Skips {
  /** Marker offsets, per partition key. */
  private readonly markers = new Map<string, Set<number>>()
  /** Offsets of aborted transactions' records, per partition key. */
  private readonly aborted = new Map<string, Set<number>>()

  private static add(map: Map<string, Set<number>>, topic: string, partition: number, offset: number): void {
    const key = partitionKey(topic, partition)
    let offsets = map.get(key)
    if (offsets === undefined) map.set(key, (offsets = new Set()))
    offsets.add(offset)
  }

  constructor(history: History, config: Config) {
    if (!showsTransactions(history)) return
    const replay = new Replay(config)
    history.forEach((entry, step) => replay.apply(entry, step))
    for (const transaction of replay.transactions.ended) {
      for (const marker of transaction.end?.markers ?? []) Skips.add(this.markers, marker.topic, marker.partition, marker.offset)
      if (transaction.end?.control !== "abort") continue
      for (const record of transaction.records) {
        if (record.offset !== undefined) Skips.add(this.aborted, record.topic, record.partition, record.offset)
      }
    }
    const logs = dumpedLogsOf(history)
    for (const dumped of logs.partitions.values()) {
      for (const entry of dumped.entries.values()) {
        if (entry._tag === "Marker") Skips.add(this.markers, dumped.topic, dumped.partition, entry.offset)
        else if (logs.fate(dumped.topic, dumped.partition, entry.offset) === "aborted") Skips.add(this.aborted, dumped.topic, dumped.partition, entry.offset)
      }
    }
  }

  /** Whether there is nothing to skip at all (a history without transactions). */
  get none(): boolean {
    return this.markers.size === 0 && this.aborted.size === 0
  }

  /** Whether a reader of this isolation steps over this offset. */
  skipped(topic: string, partition: number, offset: number, isolation: Isolation): boolean {
    const key = partitionKey(topic, partition)
    return this.markers.get(key)?.has(offset) === true || (isolation === "read_committed" && this.aborted.get(key)?.has(offset) === true)
  }

  /**
   * Whether a reader of this isolation that stands at `from` may next deliver
   * `offset`: it is `from` or lies past only stepped-over offsets (a
   * delivered offset that is itself one to step over, such as an aborted
   * record under `read_committed`, is another guarantee's violation, not a
   * gap).
   */
  continues(topic: string, partition: number, from: number, offset: number, isolation: Isolation): boolean {
    return offset >= from && offset <= this.next(topic, partition, from, isolation)
  }

  /** The first offset at or after `from` that a reader of this isolation does not step over. */
  next(topic: string, partition: number, from: number, isolation: Isolation): number {
    let offset = from
    while (this.skipped(topic, partition, offset, isolation)) offset += 1
    return offset
  }
}

/** The skips of a history (computed once per history, config and length). */
export const skipsOf: (history: History, config: Config) => Skips = memoByHistoryAndConfig((history, config) => new Skips(history, config))
