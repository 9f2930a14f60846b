/**
 * IdempotentSendsWriteOnce: an idempotent producer's retry after a lost
 * acknowledgement never puts a second copy of its send in a log.
 *
 * @module
 */
import type { Config, DataEntry, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { needs } from "./applicability.ts"
import { dumpedLogsOf } from "./internal/dumps.ts"
import { showRecord } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { showsTransactions } from "./internal/transactional.ts"

const showId = (entry: DataEntry): string => `producer id ${entry.producerId}, epoch ${entry.epoch}, sequence ${entry.sequence}`

/**
 * The first of, in step order: a `Sent` answer to an idempotent producer's
 * `ProducerRetry` naming an offset whose dumped entry is not the retried send
 * (another producer, key or value, or a marker); a `Dumped` answer showing
 * two data entries of one partition with the same producer id, epoch and
 * sequence (the later copy named).
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (!showsTransactions(history)) return undefined
  const logs = dumpedLogsOf(history)
  const replay = new Replay(config)
  const retries = replay.transactions.retries
  const firstDuplicates = new Map<number, Violation>()
  for (const dumped of logs.partitions.values()) {
    const seen = new Map<string, DataEntry>()
    for (const entry of logs.dataOf(dumped)) {
      if (entry.producerId === undefined || entry.epoch === undefined || entry.sequence === undefined) continue
      const id = `${entry.producerId}\u0000${entry.epoch}\u0000${entry.sequence}`
      const first = seen.get(id)
      if (first === undefined) {
        seen.set(id, entry)
        continue
      }
      if (!firstDuplicates.has(dumped.step)) {
        firstDuplicates.set(dumped.step, {
          step: dumped.step,
          message: `${showRecord(dumped.topic, dumped.partition, entry.offset)} is a second copy of ${
            showRecord(dumped.topic, dumped.partition, first.offset)
          }: both carry ${showId(entry)} of producer ${entry.producer}`
        })
      }
    }
  }
  for (let step = 0; step < history.length; step++) {
    const duplicate = firstDuplicates.get(step)
    if (duplicate !== undefined) return duplicate
    const before = retries.length
    replay.apply(history[step], step)
    const retry = retries.length > before ? retries[retries.length - 1] : undefined
    if (retry === undefined || !retry.idempotent || retry.offset === undefined) continue
    const { pending } = retry
    const entry = logs.entry(pending.topic, pending.partition, retry.offset)
    if (entry === undefined) continue
    const where = showRecord(pending.topic, pending.partition, retry.offset)
    const wrong =
      entry._tag === "Marker"
        ? "a transaction marker"
        : entry.producer !== pending.producer || entry.key !== pending.key || entry.value !== pending.value
          ? `${entry.producer}'s record with ${entry.key === undefined ? "no key" : `key ${JSON.stringify(entry.key)}`} and value ${JSON.stringify(entry.value)}`
          : undefined
    if (wrong !== undefined) {
      return {
        step,
        message: `idempotent producer ${pending.producer}'s retry of its send of step ${pending.step + 1} (value ${
          JSON.stringify(pending.value)
        }) was answered Sent ${where}, but the log holds ${wrong} there`
      }
    }
  }
  return undefined
}

/**
 * An idempotent producer's retry of a send whose acknowledgement was lost was
 * answered `Sent`, and the dump of its partition holds exactly one entry of
 * the producer's id, epoch and sequence there: the retry wrote no second copy.
 */
const sometimes = (history: History, config: Config): boolean => {
  if (!showsTransactions(history)) return false
  const logs = dumpedLogsOf(history)
  const replay = new Replay(config)
  history.forEach((entry, step) => replay.apply(entry, step))
  return replay.transactions.retries.some((retry) => {
    if (!retry.idempotent || retry.offset === undefined) return false
    const dumped = logs.partition(retry.pending.topic, retry.pending.partition)
    const original = dumped?.entries.get(retry.offset)
    if (dumped === undefined || original === undefined || original._tag !== "Data" || original.sequence === undefined) return false
    return logs.dataOf(dumped).every((entry) =>
      entry.offset === original.offset ||
      entry.producerId !== original.producerId || entry.epoch !== original.epoch || entry.sequence !== original.sequence
    )
  })
}

/** The checker of IdempotentSendsWriteOnce. */
export const idempotentSendsWriteOnce: GuaranteeCheck = {
  id: "IdempotentSendsWriteOnce",
  always,
  sometimes,
  notApplicableReason: needs.idempotentProducer
}
