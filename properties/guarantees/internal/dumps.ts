/**
 * The logs as the drain's `ObserverDump` answers show them: every stored
 * entry (data record or transaction marker) per partition, each
 * partition's high watermark and log start (entries below it are gone:
 * retention deleted them), and the fate of each transactional record (the
 * next marker of its producer id in its partition says whether its
 * transaction committed or aborted; none: still open).
 *
 * @module
 */
import type { DataEntry, History, LogEntry, MarkerEntry } from "../../../spec/index.ts"
import { partitionKey } from "./keys.ts"
import { memoByHistory } from "./historyMemo.ts"

/** What a `read_committed` reader makes of a data entry: `plain` and `committed` it reads, `aborted` never, `open` not yet. */
export type EntryFate = "plain" | "committed" | "aborted" | "open"

/** One dumped partition: its entries by offset, its high watermark, and the step of its last `Dumped` answer. */
export interface DumpedPartition {
  readonly topic: string
  readonly partition: number
  readonly entries: Map<number, LogEntry>
  highWatermark: number
  /** The step of the last `Dumped` answer for the partition. */
  step: number
  /** The lowest offset a `Dumped` answer started at (0 when the dumps cover the whole log). */
  from: number
  /** The highest log start offset a `Dumped` answer gave (0 when none did: retention deleted nothing before the dumps). */
  logStart: number
  /** Per transactional data entry's offset, the marker that ends its transaction (computed on first use). */
  ends?: ReadonlyMap<number, MarkerEntry>
}

/** The dumps of one history; see the module comment. */
export class DumpedLogs {
  readonly partitions = new Map<string, DumpedPartition>()

  /** Folds one `Dumped` answer in (a later dump of the same offsets replaces the earlier one's entries). */
  add(step: number, topic: string, partition: number, entries: ReadonlyArray<LogEntry>, highWatermark: number, from: number, logStart = 0): void {
    const key = partitionKey(topic, partition)
    let dumped = this.partitions.get(key)
    if (dumped === undefined) {
      dumped = { topic, partition, entries: new Map(), highWatermark, step, from, logStart }
      this.partitions.set(key, dumped)
    }
    dumped.logStart = Math.max(dumped.logStart, logStart)
    for (const entry of entries) dumped.entries.set(entry.offset, entry)
    dumped.highWatermark = highWatermark
    dumped.step = step
    dumped.from = Math.min(dumped.from, from)
    delete dumped.ends
  }

  /** The dumped partition, if some `Dumped` answer showed it. */
  partition(topic: string, partition: number): DumpedPartition | undefined {
    return this.partitions.get(partitionKey(topic, partition))
  }

  /** The entry stored at this offset, if a dump showed it. */
  entry(topic: string, partition: number, offset: number): LogEntry | undefined {
    return this.partition(topic, partition)?.entries.get(offset)
  }

  /** The marker that ends the transaction of the transactional data entry at this offset, if the dump shows one. */
  endOf(topic: string, partition: number, offset: number): MarkerEntry | undefined {
    const dumped = this.partition(topic, partition)
    return dumped === undefined ? undefined : endsOf(dumped).get(offset)
  }

  /** The fate of the data entry at this offset (`undefined` when no dump shows a data entry there). */
  fate(topic: string, partition: number, offset: number): EntryFate | undefined {
    const entry = this.entry(topic, partition, offset)
    if (entry === undefined || entry._tag !== "Data") return undefined
    if (entry.transactional !== true) return "plain"
    const end = this.endOf(topic, partition, offset)
    return end === undefined ? "open" : end.control === "commit" ? "committed" : "aborted"
  }

  /** The data entries of a dumped partition in offset order. */
  dataOf(dumped: DumpedPartition): ReadonlyArray<DataEntry> {
    return [...dumped.entries.values()].filter((entry): entry is DataEntry => entry._tag === "Data").sort((a, b) => a.offset - b.offset)
  }
}

/** Each transactional data entry's ending marker: the next marker of its producer id in the partition. */
const endsOf = (dumped: DumpedPartition): ReadonlyMap<number, MarkerEntry> => {
  if (dumped.ends !== undefined) return dumped.ends
  const ends = new Map<number, MarkerEntry>()
  const offsets = [...dumped.entries.keys()].sort((a, b) => b - a)
  const nextMarker = new Map<number, MarkerEntry>()
  for (const offset of offsets) {
    const entry = dumped.entries.get(offset)!
    if (entry._tag === "Marker") nextMarker.set(entry.producerId, entry)
    else if (entry.transactional === true && entry.producerId !== undefined) {
      const end = nextMarker.get(entry.producerId)
      if (end !== undefined) ends.set(offset, end)
    }
  }
  dumped.ends = ends
  return ends
}

/** The logs every `Dumped` answer of the history shows (see {@link DumpedLogs}). */
export const dumpedLogsOf: (history: History) => DumpedLogs = memoByHistory((history) => {
  const logs = new DumpedLogs()
  history.forEach((entry, step) => {
    const response = entry.response
    if (response._tag !== "Dumped") return
    const from = entry.command._tag === "ObserverDump" ? entry.command.offset : (response.entries[0]?.offset ?? 0)
    logs.add(step, response.topic, response.partition, response.entries, response.highWatermark, from, response.logStartOffset ?? 0)
  })
  return logs
})
