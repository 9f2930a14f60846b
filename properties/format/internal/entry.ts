/**
 * One-line renderings of what an `ObserverDump` shows: data entries and
 * transaction markers, as stored.
 *
 * @internal
 * @module
 */
import type { LogEntry } from "../../../spec/record.ts"
import { formatName } from "./name.ts"

/** The most entries a `Dumped` line names before `...`. */
export const entriesShownMax = 6

/**
 * A stored entry: `@3 v3` for a plain record (key and producer id, epoch and
 * sequence when it has them, `txn` inside a transaction), `@5 commit billing/a`
 * for a marker (its control, then its transactional id and epoch).
 *
 * @example
 * ```ts
 * formatEntry({ _tag: "Data", offset: 2, producer: "p0", key: "k", value: "v1", timestampMs: 0, producerId: 0, epoch: 0, sequence: 1 })
 * // "@2 p0 key=k value=v1 pid=0 epoch=0 seq=1"
 * formatEntry({ _tag: "Marker", offset: 3, transactionalId: "tx", producerId: 1, epoch: 2, control: "abort", timestampMs: 0 })
 * // "@3 abort tx pid=1 epoch=2"
 * ```
 */
export const formatEntry = (entry: LogEntry): string => {
  if (entry._tag === "Marker") {
    return `@${entry.offset} ${entry.control} ${formatName(entry.transactionalId)} pid=${entry.producerId} epoch=${entry.epoch}`
  }
  const key = entry.key === undefined ? "" : ` key=${formatName(entry.key)}`
  const id = entry.producerId === undefined ? "" : ` pid=${entry.producerId} epoch=${entry.epoch ?? "?"} seq=${entry.sequence ?? "?"}`
  return `@${entry.offset} ${formatName(entry.producer)}${key} value=${formatName(entry.value)}${id}${entry.transactional === true ? " txn" : ""}`
}

/** `[e1, e2, ...]` with at most {@link entriesShownMax} entries, then how many there are in all. */
export const formatEntries = (entries: ReadonlyArray<LogEntry>): string => {
  const shown = entries.slice(0, entriesShownMax).map(formatEntry).join(", ")
  return `[${shown}${entries.length > entriesShownMax ? `, ... (${entries.length} in all)` : ""}]`
}
