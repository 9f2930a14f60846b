/**
 * The version a `conditional-update` message carries (see `EffectRemedy` in
 * spec/config.ts): for a record with key `k` and value `v` in a partition,
 * 1 + the number of distinct values among the records with key `k` at lower
 * offsets than the first record holding `v` with key `k`. That is the rank of
 * `v` among key `k`'s values in order of first appearance, so a retried send
 * (which repeats its value) carries its original's version.
 *
 * The ranks are indexed per partition log, lazily: per backing array of the
 * log (an append-only array shared by every state that sees a prefix of it,
 * see `model/internal/seq.ts`), the ranks of every (key, value) seen up to
 * how far it was scanned. A rank depends only on the log up to the value's
 * first record, so a longer scan never changes it: a whole run costs one pass
 * over each log, not one per processing. Markers are not records and are
 * skipped; every data record counts, whatever its transaction's fate (the
 * spec counts "the records" of the partition).
 *
 * @module
 */
import type { LogRecord } from "../../spec/record.ts"
import type { PartitionLog, StoredEntry } from "../log.ts"
import { recordOf } from "../log.ts"

/** Per backing array of a partition log: how far it was scanned, and per key its values' ranks. */
interface Ranks {
  scanned: number
  readonly byKey: Map<string, Map<string, number>>
}

const ranksByLog = new WeakMap<Array<StoredEntry>, Ranks>()

/**
 * The version of `record`, a keyed record at its offset of `log` (its
 * partition's log, which starts at the start of its backing array, as every
 * partition log does: logs are only ever appended to).
 */
export const messageVersion = (log: PartitionLog, record: LogRecord & { readonly key: string }): number => {
  let ranks = ranksByLog.get(log.items)
  if (ranks === undefined) {
    ranks = { scanned: 0, byKey: new Map() }
    ranksByLog.set(log.items, ranks)
  }
  const through = log.start + record.offset + 1
  while (ranks.scanned < through) {
    const scanned = recordOf(log.items[ranks.scanned])
    ranks.scanned++
    if (scanned === undefined || scanned.key === undefined) continue
    let values = ranks.byKey.get(scanned.key)
    if (values === undefined) {
      values = new Map()
      ranks.byKey.set(scanned.key, values)
    }
    if (!values.has(scanned.value)) values.set(scanned.value, values.size + 1)
  }
  return ranks.byKey.get(record.key)!.get(record.value)!
}
