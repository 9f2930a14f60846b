/**
 * ZombiesAreFenced: once a transactional id has a newer epoch, nothing an
 * older instance sends, commits or sends as offsets takes effect; and a
 * consumer that left its group's current generation cannot add offsets to a
 * transaction (KIP-447).
 *
 * @module
 */
import { type Command, type Config, type History, isResponseError, type Response } from "../../spec/index.ts"
import { needs } from "./applicability.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { dumpedLogsOf } from "./internal/dumps.ts"
import { showRecord } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { showsTransactions } from "./internal/transactional.ts"
import type { Transactions } from "./internal/transactions.ts"

/** The producer client a command acts through: its own producer, or an exactly-once member's producer for `ConsumerProcess`. */
const producerOf = (command: Command, transactions: Transactions): string | undefined => {
  switch (command._tag) {
    case "ProducerSend":
    case "ProducerRetry":
    case "TxnSendOffsets":
    case "TxnCommit":
    case "TxnAbort":
      return command.producer
    case "ConsumerProcess":
      return transactions.kinds.memberProducer(command.group, command.member)
    default:
      return undefined
  }
}

/** An answer by which the command took effect: any ok answer, and `SendTimedOut` (the record was appended). */
const tookEffect = (response: Response): boolean => !isResponseError(response) || response._tag === "SendTimedOut"

/**
 * The first of: a send, retry, exactly-once processing, offsets, commit or
 * abort that took effect for a transactional producer client whose epoch
 * (from its last `ProducerInitialized`) is older than the latest epoch of its
 * transactional id (from `ProducerInitialized` or a timeout in
 * `ClockAdvanced`); a `TxnOffsetsSent` for a member whose session expired or
 * whose last learned generation is older than its group's latest. Then, in
 * the drain's dumps (`ObserverDump`), the first data entry or marker, in
 * partition order then offset order, of a producer id whose epoch is older
 * than that of an earlier marker of the same producer id in that partition
 * (a write of an older instance took effect after a newer one ended a
 * transaction there); reported at the step of that partition's last dump.
 */
const always = (history: History, config: Config): Violation | undefined => {
  const answered = alwaysOfAnswers(history, config)
  return answered ?? (showsTransactions(history) ? staleEpochInDumpsOf(history) : undefined)
}

/** The dumped entry of a producer id at an epoch older than an earlier marker of that producer id in its partition, if any. */
const staleEpochInDumpsOf = (history: History): Violation | undefined => {
  for (const dumped of dumpedLogsOf(history).partitions.values()) {
    const markerEpochMax = new Map<number, number>()
    for (const offset of [...dumped.entries.keys()].sort((a, b) => a - b)) {
      const entry = dumped.entries.get(offset)!
      if (entry.producerId === undefined || entry.epoch === undefined) continue
      const newer = markerEpochMax.get(entry.producerId)
      if (newer !== undefined && entry.epoch < newer) {
        const what = entry._tag === "Marker" ? `${entry.control} marker` : "data entry"
        return {
          step: dumped.step,
          message: `${showRecord(dumped.topic, dumped.partition, offset)}, a ${what} of producer id ${entry.producerId} at epoch ${entry.epoch}, follows a marker of that producer id at epoch ${newer} in the same partition: a zombie's write took effect`
        }
      }
      if (entry._tag === "Marker") markerEpochMax.set(entry.producerId, Math.max(newer ?? entry.epoch, entry.epoch))
    }
  }
  return undefined
}

/** The `always` check over the answers (see {@link always}). */
const alwaysOfAnswers = (history: History, config: Config): Violation | undefined => {
  if (!showsTransactions(history)) return undefined
  const replay = new Replay(config)
  const transactions = replay.transactions
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const { command, response } = entry
    const producer = producerOf(command, transactions)
    const transactionalId = producer === undefined ? undefined : transactions.kinds.of(producer).transactionalId
    if (producer !== undefined && transactionalId !== undefined && tookEffect(response)) {
      const epoch = transactions.clients.get(producer)?.epoch
      const latest = transactions.epochOf(transactionalId)
      if (epoch !== undefined && latest !== undefined && latest > epoch) {
        return {
          step,
          message: `zombie producer ${producer} (epoch ${epoch}) was answered ${response._tag} to ${command._tag}, though ${transactionalId} is at epoch ${latest}`
        }
      }
    }
    if (response._tag === "TxnOffsetsSent") {
      const group = replay.group(response.group)
      const client = group.client(response.member)
      const latest = Math.max(group.generationMax, response.generation)
      if (client.expired) {
        return {
          step,
          message: `${response.group} took offsets in ${response.producer}'s transaction from member ${response.member}, whose session expired (a zombie consumer)`
        }
      }
      if ((client.generation ?? 0) < latest) {
        return {
          step,
          message: `${response.group} took offsets in ${response.producer}'s transaction from member ${response.member}, which last learned generation ${
            client.generation ?? "none"
          }, while the group is at generation ${latest}`
        }
      }
    }
    replay.apply(entry, step)
  }
  return undefined
}

/**
 * A zombie was fenced: a producer command was answered `ProducerFenced`, or
 * a `TxnSendOffsets` was answered `StaleGeneration`, or `UnknownMember` for
 * a running member whose session had expired.
 */
const sometimes = (history: History, config: Config): boolean => {
  if (!showsTransactions(history)) return false
  const replay = new Replay(config)
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const { command, response } = entry
    if (response._tag === "ProducerFenced") return true
    if (command._tag === "TxnSendOffsets") {
      if (response._tag === "StaleGeneration") return true
      const client = replay.client(command.group, command.member)
      if (response._tag === "UnknownMember" && client.running && client.expired) return true
    }
    replay.apply(entry, step)
  }
  return false
}

/** The checker of ZombiesAreFenced. */
export const zombiesAreFenced: GuaranteeCheck = {
  id: "ZombiesAreFenced",
  always,
  sometimes,
  notApplicableReason: needs.transactionalProducer
}
