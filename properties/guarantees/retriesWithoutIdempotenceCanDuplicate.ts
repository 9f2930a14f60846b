/**
 * RetriesWithoutIdempotenceCanDuplicate: a producer without idempotence
 * duplicates records only in its own way, when it retries a send whose
 * acknowledgement was lost (the two generals problem).
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import { serviceProducerName } from "../../spec/index.ts"
import { needs } from "./applicability.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { dumpedLogsOf } from "./internal/dumps.ts"
import { showRecord } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { appendsOf } from "./internal/sends.ts"
import { showsTransactions } from "./internal/transactional.ts"

/** The map key of one record's content in one topic: topic, producer, key (or none) and value. */
const contentKey = (topic: string, producer: string, key: string | undefined, value: string): string =>
  JSON.stringify([topic, producer, key ?? null, value])

const showContent = (producer: string, key: string | undefined, value: string): string =>
  `producer ${producer}'s records with ${key === undefined ? "no key" : `key ${JSON.stringify(key)}`} and value ${JSON.stringify(value)}`

/** How many appends of one content the history explains, by kind. */
interface Explained {
  sends: number
  retries: number
  results: number
  /** A service's sends: its dual writes' and its relay's (`ServiceWritten`, `ServiceCrashed`, `Relayed`, `RelayCrashed`). */
  services: number
  /** A group's failure handling: its dead-letter publishes (`ProcessDeadLettered`) and redrives (`DeadLettersRedriven`). */
  failures: number
}

const explainedOf = (history: History, config: Config): { readonly explained: ReadonlyMap<string, Explained>; readonly replay: Replay } => {
  const explained = new Map<string, Explained>()
  const count = (key: string, kind: keyof Explained): void => {
    let counts = explained.get(key)
    if (counts === undefined) explained.set(key, (counts = { sends: 0, retries: 0, results: 0, services: 0, failures: 0 }))
    counts[kind] += 1
  }
  const replay = new Replay(config)
  const retries = replay.transactions.retries
  const eventKeys = new Map<string, string | undefined>()
  history.forEach((entry, step) => {
    const { command, response } = entry
    if (command._tag === "ServiceWrite" && (response._tag === "ServiceWritten" || response._tag === "ServiceCrashed")) eventKeys.set(`${command.service}\u0000${command.event}`, command.key)
    if ((response._tag === "ServiceWritten" || response._tag === "ServiceCrashed" || response._tag === "Relayed" || response._tag === "RelayCrashed") && response.sent !== undefined) {
      const key = eventKeys.get(`${response.service}\u0000${response.event}`)
      count(contentKey(response.sent.topic, serviceProducerName(response.service), key, response.event), "services")
    }
    if (command._tag === "ProducerSend" && (response._tag === "Sent" || response._tag === "SendTimedOut")) {
      count(contentKey(command.topic, command.producer, command.key, command.value), "sends")
    }
    if ((response._tag === "Processed" || response._tag === "ProcessCrashed") && response.output !== undefined) {
      const producer = replay.transactions.kinds.memberProducer(response.group, response.member)
      const key = replay.transactions.deliveredKey(response.topic, response.partition, response.offset)
      const value = `${response.topic}/${response.partition}@${response.offset}`
      if (producer !== undefined) count(contentKey(response.output.topic, producer, key, value), "results")
    }
    if (response._tag === "ProcessDeadLettered" || response._tag === "DeadLettersRedriven") {
      for (const append of appendsOf(entry, step, replay)) count(contentKey(append.topic, append.producer, append.key, append.value), "failures")
    }
    const before = retries.length
    replay.apply(entry, step)
    for (const retry of retries.slice(before)) {
      if (!retry.idempotent) count(contentKey(retry.pending.topic, retry.pending.producer, retry.pending.key, retry.pending.value), "retries")
    }
  })
  return { explained, replay }
}

/**
 * The first `Dumped` answer (by step) after which the dumps of one topic hold
 * more data records of one producer, key and value than the history explains:
 * sends answered `Sent` or `SendTimedOut`, retries by a producer that is not
 * idempotent answered `Sent` or `SendTimedOut`, exactly-once results
 * (`Processed` or `ProcessCrashed` with an output), services' sends (the
 * key of a service's event is the one its `ServiceWrite` named), and
 * dead-letter publishes and redrives (by `dead-letter:<group>`, with the
 * original's key and value).
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (!showsTransactions(history)) return undefined
  const logs = dumpedLogsOf(history)
  if (logs.partitions.size === 0) return undefined
  const { explained } = explainedOf(history, config)
  const stored = new Map<string, { offsets: Array<string>; step: number; producer: string; key: string | undefined; value: string }>()
  for (const dumped of logs.partitions.values()) {
    for (const entry of logs.dataOf(dumped)) {
      const key = contentKey(dumped.topic, entry.producer, entry.key, entry.value)
      let copies = stored.get(key)
      if (copies === undefined) stored.set(key, (copies = { offsets: [], step: dumped.step, producer: entry.producer, key: entry.key, value: entry.value }))
      copies.offsets.push(showRecord(dumped.topic, dumped.partition, entry.offset))
      copies.step = Math.max(copies.step, dumped.step)
    }
  }
  let first: Violation | undefined
  for (const [key, copies] of stored) {
    const counts = explained.get(key) ?? { sends: 0, retries: 0, results: 0, services: 0, failures: 0 }
    const total = counts.sends + counts.retries + counts.results + counts.services + counts.failures
    if (copies.offsets.length <= total || (first !== undefined && first.step <= copies.step)) continue
    const why = [
      `${counts.sends} ${counts.sends === 1 ? "send" : "sends"} answered Sent or SendTimedOut`,
      `${counts.retries} ${counts.retries === 1 ? "retry" : "retries"} without idempotence`,
      ...(counts.results > 0 ? [`${counts.results} exactly-once ${counts.results === 1 ? "result" : "results"}`] : []),
      ...(counts.services > 0 ? [`${counts.services} service ${counts.services === 1 ? "send" : "sends"}`] : []),
      ...(counts.failures > 0 ? [`${counts.failures} dead-letter ${counts.failures === 1 ? "publish or redrive" : "publishes and redrives"}`] : [])
    ]
    first = {
      step: copies.step,
      message: `the log holds ${copies.offsets.length} of ${showContent(copies.producer, copies.key, copies.value)} (${
        copies.offsets.join(", ")
      }), but the history explains ${total}: ${why.join(", ")}`
    }
  }
  return first
}

/** A retry by a producer that is not idempotent, and the dump of its partition holds two or more copies of the retried send. */
const sometimes = (history: History, config: Config): boolean => {
  if (!showsTransactions(history)) return false
  const logs = dumpedLogsOf(history)
  if (logs.partitions.size === 0) return false
  const { replay } = explainedOf(history, config)
  return replay.transactions.retries.some(({ idempotent, pending }) => {
    if (idempotent) return false
    const dumped = logs.partition(pending.topic, pending.partition)
    if (dumped === undefined) return false
    const copies = logs.dataOf(dumped).filter((entry) =>
      entry.producer === pending.producer && entry.key === pending.key && entry.value === pending.value
    )
    return copies.length >= 2
  })
}

/** The checker of RetriesWithoutIdempotenceCanDuplicate. */
export const retriesWithoutIdempotenceCanDuplicate: GuaranteeCheck = {
  id: "RetriesWithoutIdempotenceCanDuplicate",
  always,
  sometimes,
  notApplicableReason: needs.plainProducer
}
