/**
 * Queue traffic: what a check's runs did with their queues, the queue
 * counterpart of the partition facts every `qsem check` prints: messages
 * enqueued and deduplicated, received and received again, deleted, stale
 * receipts that deleted nothing, moves to dead-letter queues and redrives,
 * and what bounded queues did with sends that found them full: blocked,
 * rejected, or accepted with a silent drop.
 * Read from the target's answers only, drain included.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"
import { inspectedQueueNamesOf, isBounded } from "../../spec/config.ts"
import type { RunAnswers } from "./partitionLoad.ts"

/** The queue traffic of a check's runs (mutable: {@link queueTrafficAdd} adds to it). */
export interface QueueTraffic {
  /** Runs folded in. */
  runs: number
  /** `Enqueued` answers that enqueued a message. */
  enqueued: number
  /** `Enqueued` answers of a send a FIFO queue deduplicated. */
  deduplicated: number
  /** Messages `Received` answers handed out. */
  received: number
  /** Of those, receives of a message received before (receive count above 1). */
  redelivered: number
  /** `Acknowledged` answers that deleted their message. */
  deleted: number
  /** `Acknowledged` answers of a stale receipt, which deleted nothing. */
  staleReceipts: number
  /** Messages moved to a dead-letter queue (by the clock or by a release). */
  deadLettered: number
  /** Messages `Received` answers handed out from an inspected dead-letter queue, to be looked at. */
  inspected: number
  /** Messages a redrive moved back to their source. */
  redriven: number
  /** The highest receive count any receive reported. */
  receiveCountMax: number
  /** Sends a full `block` queue answered `SendBlocked`. */
  blocked: number
  /** Sends a full `reject` queue answered `SendRejected`. */
  rejected: number
  /** Messages a full `drop-oldest` or `drop-newest` queue discarded (`Enqueued.dropped`). */
  dropped: number
}

/** No runs yet. */
export const queueTrafficInit = (): QueueTraffic => ({
  runs: 0,
  enqueued: 0,
  deduplicated: 0,
  received: 0,
  redelivered: 0,
  deleted: 0,
  staleReceipts: 0,
  deadLettered: 0,
  inspected: 0,
  redriven: 0,
  receiveCountMax: 0,
  blocked: 0,
  rejected: 0,
  dropped: 0
})

/** Adds the answers of one run of `config`. */
export const queueTrafficAdd = (traffic: QueueTraffic, config: Config, run: RunAnswers): void => {
  traffic.runs += 1
  const inspected = inspectedQueueNamesOf(config)
  const length = Math.min(run.commands.length, run.actual.length)
  for (let i = 0; i < length; i++) {
    const answer = run.actual[i]
    switch (answer._tag) {
      case "Enqueued":
        if (answer.deduplicated === true) traffic.deduplicated += 1
        else if (answer.dropped !== answer.messageId) traffic.enqueued += 1
        if (answer.dropped !== undefined) traffic.dropped += 1
        break
      case "SendBlocked":
        traffic.blocked += 1
        break
      case "SendRejected":
        traffic.rejected += 1
        break
      case "Received":
        if (inspected.has(answer.queue)) traffic.inspected += answer.messages.length
        for (const message of answer.messages) {
          traffic.received += 1
          if (message.receiveCount > 1) traffic.redelivered += 1
          if (message.receiveCount > traffic.receiveCountMax) traffic.receiveCountMax = message.receiveCount
        }
        break
      case "Acknowledged":
        if (answer.deleted) traffic.deleted += 1
        else traffic.staleReceipts += 1
        break
      case "Released":
        if (answer.deadLettered) traffic.deadLettered += 1
        break
      case "ClockAdvanced":
        traffic.deadLettered += answer.deadLettered?.length ?? 0
        break
      case "Redriven":
        traffic.redriven += answer.messages.length
        break
    }
  }
}

/**
 * Adds `later`, the traffic of other runs (folded elsewhere, such as in a
 * worker thread), to `traffic`: the same as adding those runs one by one.
 */
export const queueTrafficMerge = (traffic: QueueTraffic, later: QueueTraffic): void => {
  traffic.runs += later.runs
  traffic.enqueued += later.enqueued
  traffic.deduplicated += later.deduplicated
  traffic.received += later.received
  traffic.redelivered += later.redelivered
  traffic.deleted += later.deleted
  traffic.staleReceipts += later.staleReceipts
  traffic.deadLettered += later.deadLettered
  traffic.inspected += later.inspected
  traffic.redriven += later.redriven
  traffic.receiveCountMax = Math.max(traffic.receiveCountMax, later.receiveCountMax)
  traffic.blocked += later.blocked
  traffic.rejected += later.rejected
  traffic.dropped += later.dropped
}

const count = (n: number): string => n.toLocaleString("en-US")

/**
 * One line, for a config with queues; `undefined` for one without. A config
 * with bounded queues also gets what their bounds did, and one with
 * inspected dead-letter queues how many messages were looked at there.
 */
export const formatQueueTraffic = (traffic: QueueTraffic, config: Config): string | undefined => {
  if ((config.queues?.length ?? 0) === 0) return undefined
  const bounded = (config.queues ?? []).some(isBounded)
    ? `; full bounded queues blocked ${count(traffic.blocked)} sends, rejected ${count(traffic.rejected)} and silently dropped ${count(traffic.dropped)} messages`
    : ""
  const looked = inspectedQueueNamesOf(config).size > 0 ? `, ${count(traffic.inspected)} received from an inspected one to be looked at` : ""
  return `queue traffic over ${count(traffic.runs)} ${traffic.runs === 1 ? "run" : "runs"} (drain included): ${count(traffic.enqueued)} messages enqueued, ${
    count(traffic.deduplicated)
  } sends deduplicated; ${count(traffic.received)} received, ${count(traffic.redelivered)} of them redeliveries (receive count up to ${
    traffic.receiveCountMax
  }); ${count(traffic.deleted)} deleted, ${count(traffic.staleReceipts)} stale receipts deleted nothing; ${count(traffic.deadLettered)} moved to a dead-letter queue${looked}, ${
    count(traffic.redriven)
  } redriven${bounded}`
}
