/**
 * What runs on a transactional config exercised, counted from the commands
 * and the model's answers alone (and the driver's view before each step):
 * for the generator's tests and for reporting how often each interesting case
 * of exactly-once delivery happens.
 *
 * @module
 */
import type { Command } from "../../../spec/command.ts"
import type { Config } from "../../../spec/config.ts"
import { isolationOf } from "../../../spec/config.ts"
import type { Response } from "../../../spec/response.ts"
import type { Choice } from "../../choice.ts"
import type { Driver } from "../../driver/driver.ts"
import { driverInit, partitionKey } from "../../driver/driver.ts"
import { simulateChoices } from "../../driver/internal/simulate.ts"

/** Counts of the interesting cases in one run (or summed over runs). */
export interface ExactlyOnceCases {
  /** A send's acknowledgement was lost and its retry was answered `Sent`. */
  readonly retryAfterLostAck: number
  /** A call was answered `ProducerFenced` (a zombie producer kept going). */
  readonly fenced: number
  /** A `TxnSendOffsets` was refused for a stale or expired member (KIP-447 fencing of consumers). */
  readonly offsetsRefused: number
  /** The coordinator aborted a transaction on timeout (before the drain). */
  readonly timeoutAborts: number
  /** An input an exactly-once group processed in a transaction that aborted was processed again. */
  readonly abortThenReprocess: number
  /**
   * A `read_committed` poll returned fewer records than asked while an open
   * transaction had records in a partition of the member's assignment: it
   * stopped at the last stable offset.
   */
  readonly stoppedAtLastStableOffset: number
  /**
   * A `read_committed` poll by a member without a position in an assigned
   * partition for which an open transaction held offsets of its group (KIP-447:
   * the member waits).
   */
  readonly unstableOffsetWait: number
  /** Transactions committed and aborted by their producers. */
  readonly commits: number
  readonly aborts: number
}

/** No case seen yet. */
export const casesNone: ExactlyOnceCases = {
  retryAfterLostAck: 0,
  fenced: 0,
  offsetsRefused: 0,
  timeoutAborts: 0,
  abortThenReprocess: 0,
  stoppedAtLastStableOffset: 0,
  unstableOffsetWait: 0,
  commits: 0,
  aborts: 0
}

/** The sum of two counts. */
export const casesAdd = (a: ExactlyOnceCases, b: ExactlyOnceCases): ExactlyOnceCases => {
  const sum: Record<string, number> = {}
  for (const key of Object.keys(a) as Array<keyof ExactlyOnceCases>) sum[key] = a[key] + b[key]
  return sum as unknown as ExactlyOnceCases
}

/**
 * Counts the cases of one run: `steps` are the commands with the model's
 * answers and the driver's view before each, `drainStart` the index of the
 * drain's first command.
 */
export const casesOf = (
  config: Config,
  steps: ReadonlyArray<{ readonly command: Command; readonly response: Response; readonly before: Driver }>,
  drainStart: number
): ExactlyOnceCases => {
  const counts = { ...casesNone }
  const producerOfTransactionalId = new Map<string, string>()
  const openRecords = new Map<string, Set<string>>() // producer -> partitions with records of its open transaction
  const openOffsets = new Map<string, Set<string>>() // producer -> group/topic/partition of offsets sent in its open transaction
  const processedInTransaction = new Map<string, Array<string>>() // producer -> inputs processed in its open transaction
  const abortedInputs = new Set<string>()
  let lostAck = new Set<string>()
  const end = (producer: string, aborted: boolean) => {
    if (aborted) for (const input of processedInTransaction.get(producer) ?? []) abortedInputs.add(input)
    openRecords.delete(producer)
    openOffsets.delete(producer)
    processedInTransaction.delete(producer)
  }
  const endById = (transactionalId: string) => {
    for (const [producer, id] of producerOfTransactionalId) if (id === transactionalId) end(producer, true)
  }
  const transactionalIdOf = (producer: string): string | undefined =>
    config.producers?.find((p) => p.name === producer)?.transactionalId ?? (producer.includes("/") ? producer : undefined)
  steps.forEach(({ before, command, response }, index) => {
    const inDrain = index >= drainStart
    if ("producer" in command) {
      const id = transactionalIdOf(command.producer)
      if (id !== undefined) producerOfTransactionalId.set(command.producer, id)
    }
    switch (response._tag) {
      case "SendTimedOut":
        if ("producer" in command) lostAck.add(command.producer)
        break
      case "Sent":
        if (command._tag === "ProducerRetry" && lostAck.has(command.producer)) counts.retryAfterLostAck++
        if (command._tag === "ProducerSend" && transactionalIdOf(command.producer) !== undefined) {
          const set = openRecords.get(command.producer) ?? new Set()
          set.add(partitionKey(response.topic, response.partition))
          openRecords.set(command.producer, set)
        }
        break
      case "ProducerFenced":
        counts.fenced++
        end(response.producer, true)
        break
      case "Processed": {
        if (response.output === undefined || command._tag !== "ConsumerProcess") break
        const producer = `${command.group}/${command.member}`
        const input = `${command.group}:${response.topic}/${response.partition}@${response.offset}`
        if (abortedInputs.has(input)) counts.abortThenReprocess++
        processedInTransaction.set(producer, [...(processedInTransaction.get(producer) ?? []), input])
        const set = openRecords.get(producer) ?? new Set()
        set.add(partitionKey(response.output.topic, response.output.partition))
        openRecords.set(producer, set)
        break
      }
      case "TxnOffsetsSent": {
        const set = openOffsets.get(response.producer) ?? new Set()
        for (const o of response.offsets) set.add(`${response.group}/${partitionKey(o.topic, o.partition)}`)
        openOffsets.set(response.producer, set)
        break
      }
      case "StaleGeneration":
      case "UnknownMember":
        if (command._tag === "TxnSendOffsets") counts.offsetsRefused++
        break
      case "TxnCommitted":
        if (!inDrain) counts.commits++
        end(response.producer, false)
        break
      case "TxnAborted":
        if (!inDrain) counts.aborts++
        end(response.producer, true)
        break
      case "ProducerInitialized":
        if (transactionalIdOf(response.producer) !== undefined) endById(transactionalIdOf(response.producer)!)
        break
      case "ClockAdvanced":
        for (const aborted of response.transactionsAborted ?? []) {
          if (!inDrain) counts.timeoutAborts++
          endById(aborted.transactionalId)
        }
        break
      case "Polled": {
        if (command._tag !== "ConsumerPoll") break
        const group = config.groups.find((g) => g.name === command.group)
        if (group === undefined || isolationOf(group) !== "read_committed") break
        const member = before.groups.find((g) => g.name === command.group)?.members.find((m) => m.name === command.member)
        if (member === undefined) break
        const assigned = member.assignment.map((tp) => partitionKey(tp.topic, tp.partition))
        const openIn = (key: string) => [...openRecords.values()].some((set) => set.has(key))
        if (response.records.length < command.recordsMax && assigned.some(openIn)) counts.stoppedAtLastStableOffset++
        const waits = assigned.some((key) =>
          !member.positions.has(key) && [...openOffsets.values()].some((set) => set.has(`${command.group}/${key}`)))
        if (waits) counts.unstableOffsetWait++
        break
      }
    }
    if (response._tag !== "SendTimedOut" && command._tag !== "ProducerRetry" && "producer" in command) {
      lostAck = new Set([...lostAck].filter((p) => p !== command.producer))
    }
  })
  return counts
}

/** Runs choices (and the drain) on the model with the driver in the loop, and counts the cases of the run. */
export const simulateCases = (config: Config, choices: ReadonlyArray<Choice>): ExactlyOnceCases => {
  const steps: Array<{ readonly command: Command; readonly response: Response; readonly before: Driver }> = []
  let before = driverInit(config)
  simulateChoices(config, choices, ({ command, driver, response }) => {
    steps.push({ command, response, before })
    before = driver
  })
  return casesOf(config, steps, choices.length)
}
