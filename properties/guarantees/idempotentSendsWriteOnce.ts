/**
 * IdempotentSendsWriteOnce: an idempotent producer's retry after a lost
 * acknowledgement never puts a second copy of its send in a log.
 *
 * @module
 */
import type { Config, DataEntry, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { needs } from "./applicability.ts"
import { type DumpedLogs, dumpedLogsOf } from "./internal/dumps.ts"
import { showRecord } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { showsTransactions } from "./internal/transactional.ts"

const showId = (entry: DataEntry): string => `producer id ${entry.producerId}, epoch ${entry.epoch}, sequence ${entry.sequence}`

/** What a send writes, whatever producer id, epoch and sequence the target stamps on it: topic, producer, key and value. */
const contentKey = (topic: string, producer: string, key: string | undefined, value: string): string =>
  JSON.stringify([topic, producer, key ?? null, value])

/** Where a dumped copy of a send sits. */
interface Copy {
  readonly partition: number
  readonly offset: number
  /** The step of the partition's last dump. */
  readonly step: number
}

/**
 * What the history shows of the sends idempotent producers retried: the
 * retries (in step order), the number of distinct sends answered `Sent` or
 * `SendTimedOut` per content (retries are not new sends), and the dumped
 * copies per content, in partition, then offset order. Copies are counted by
 * content, not by the producer id, epoch and sequence the target writes, so
 * a target that appends a retry again under a new sequence shows two copies.
 */
const retriedSendsOf = (history: History, config: Config, logs: DumpedLogs) => {
  const replay = new Replay(config)
  const retries = replay.transactions.retries
  const sends = new Map<string, number>()
  history.forEach((entry, step) => {
    const { command, response } = entry
    if (command._tag === "ProducerSend" && (response._tag === "Sent" || response._tag === "SendTimedOut")) {
      const key = contentKey(command.topic, command.producer, command.key, command.value)
      sends.set(key, (sends.get(key) ?? 0) + 1)
    }
    replay.apply(entry, step)
  })
  const idempotent = retries.filter((retry) => retry.idempotent)
  const copies = new Map<string, Array<Copy>>()
  for (const { pending } of idempotent) copies.set(contentKey(pending.topic, pending.producer, pending.key, pending.value), [])
  if (copies.size > 0) {
    for (const topic of config.topics) {
      for (let partition = 0; partition < topic.partitions; partition++) {
        const dumped = logs.partition(topic.name, partition)
        if (dumped === undefined) continue
        for (const entry of logs.dataOf(dumped)) {
          const found = copies.get(contentKey(topic.name, entry.producer, entry.key, entry.value))
          if (found !== undefined) found.push({ partition, offset: entry.offset, step: dumped.step })
        }
      }
    }
  }
  return { retries: idempotent, sends, copies }
}

/**
 * The first of, in step order: a `Sent` answer to an idempotent producer's
 * `ProducerRetry` naming an offset whose dumped entry is not the retried send
 * (another producer, key or value, or a marker), or, when only one send had
 * that content, that is not the send's first copy in its partition; a
 * `Dumped` answer showing more copies of a retried send's content (topic,
 * producer, key, value) than there were sends with that content (the first
 * copy too many named); a `Dumped` answer showing two data entries of one
 * partition with the same producer id, epoch and sequence (the later copy
 * named).
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (!showsTransactions(history)) return undefined
  const logs = dumpedLogsOf(history)
  const { copies, retries, sends } = retriedSendsOf(history, config, logs)
  const candidates: Array<Violation> = []
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
  for (const duplicate of firstDuplicates.values()) candidates.push(duplicate)
  const judged = new Set<string>()
  for (const retry of retries) {
    const { pending } = retry
    const content = contentKey(pending.topic, pending.producer, pending.key, pending.value)
    const found = copies.get(content) ?? []
    const distinct = Math.max(1, sends.get(content) ?? 0)
    if (!judged.has(content) && found.length > distinct) {
      judged.add(content)
      const extra = found[distinct]
      candidates.push({
        step: extra.step,
        message: `${showRecord(pending.topic, extra.partition, extra.offset)} is copy ${distinct + 1} of idempotent producer ${pending.producer}'s ${
          distinct === 1 ? "send" : `${distinct} sends`
        } with ${pending.key === undefined ? "no key" : `key ${JSON.stringify(pending.key)}`} and value ${JSON.stringify(pending.value)} (first copy ${
          showRecord(pending.topic, found[0].partition, found[0].offset)
        }), which it retried at step ${retry.step + 1}`
      })
    }
    if (retry.offset === undefined) continue
    const entry = logs.entry(pending.topic, pending.partition, retry.offset)
    if (entry === undefined) continue
    const where = showRecord(pending.topic, pending.partition, retry.offset)
    const firstHere = found.find((copy) => copy.partition === pending.partition)
    const wrong =
      entry._tag === "Marker"
        ? "a transaction marker"
        : entry.producer !== pending.producer || entry.key !== pending.key || entry.value !== pending.value
          ? `${entry.producer}'s record with ${entry.key === undefined ? "no key" : `key ${JSON.stringify(entry.key)}`} and value ${JSON.stringify(entry.value)}`
          : distinct === 1 && firstHere !== undefined && firstHere.offset !== retry.offset
            ? `a second copy of the send (its first copy is ${showRecord(pending.topic, pending.partition, firstHere.offset)})`
            : undefined
    if (wrong !== undefined) {
      candidates.push({
        step: retry.step,
        message: `idempotent producer ${pending.producer}'s retry of its send of step ${pending.step + 1} (value ${
          JSON.stringify(pending.value)
        }) was answered Sent ${where}, but the log holds ${wrong} there`
      })
    }
  }
  let first: Violation | undefined
  for (const candidate of candidates) if (first === undefined || candidate.step < first.step) first = candidate
  return first
}

/**
 * An idempotent producer's retry of a send whose acknowledgement was lost was
 * answered `Sent` with the offset of the send's copy, and the dumps hold
 * exactly one copy of the send (its topic, producer, key and value, in every
 * dumped partition of the topic) and no other entry of the producer's id,
 * epoch and sequence: the retry wrote no second copy.
 */
const sometimes = (history: History, config: Config): boolean => {
  if (!showsTransactions(history)) return false
  const logs = dumpedLogsOf(history)
  const { copies, retries } = retriedSendsOf(history, config, logs)
  return retries.some((retry) => {
    if (retry.offset === undefined) return false
    const { pending } = retry
    const found = copies.get(contentKey(pending.topic, pending.producer, pending.key, pending.value)) ?? []
    if (found.length !== 1 || found[0].partition !== pending.partition || found[0].offset !== retry.offset) return false
    const dumped = logs.partition(pending.topic, pending.partition)
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
