/**
 * One-line renderings of responses: `Polled [orders/0@3 orders/0@4]`.
 *
 * @module
 */
import type { PartitionOffset, TopicPartition, TransactionAbortedByCoordinator } from "../../spec/record.ts"
import type { QueueEntry, ReceivedMessage } from "../../spec/queue.ts"
import type { Response } from "../../spec/response.ts"
import { formatPartitionOffset } from "./command.ts"
import { formatAppliedEffect, formatBusinessRow, formatEffectOutcome, formatEntityState, formatList, formatOutboxRow, formatRememberedId } from "./internal/effect.ts"
import { formatEntries } from "./internal/entry.ts"
import { formatMember, formatName, formatTopicPartition } from "./internal/name.ts"

/** `#3(r5 n=2 g=a)`: a received message, its receipt, receive count and group. */
const formatReceivedMessage = (m: ReceivedMessage): string =>
  `#${m.messageId}(r${m.receipt} n=${m.receiveCount}${m.group === undefined ? "" : ` g=${formatName(m.group)}`})`

/** `#3(n=2 r5 until=30000ms)`: a listed message. */
const formatQueueEntry = (m: QueueEntry): string =>
  `#${m.messageId}(n=${m.receiveCount}${m.receipt === undefined ? "" : ` r${m.receipt}`}${
    m.inFlightUntilMs === undefined ? "" : ` until=${m.inFlightUntilMs}ms`
  }${m.group === undefined ? "" : ` g=${formatName(m.group)}`}${m.source === undefined ? "" : ` from=${formatName(m.source)}`})`

const formatAssignment = (assignment: ReadonlyArray<TopicPartition>): string =>
  `[${assignment.map(formatTopicPartition).join(" ")}]`

/** `[orders/0@3 orders/1@2]`: offsets, or the markers a transaction's end appended. */
export const formatOffsets = (offsets: ReadonlyArray<PartitionOffset>): string => `[${offsets.map(formatPartitionOffset).join(" ")}]`

/** `tx@epoch=2 [orders/0@5]`: a transaction the coordinator aborted, its epoch after the abort and its abort markers. */
export const formatCoordinatorAbort = (aborted: TransactionAbortedByCoordinator): string =>
  `${formatName(aborted.transactionalId)}@epoch=${aborted.epoch} ${formatOffsets(aborted.markers)}`

/** Renders a response on one line (names that are not plain JSON-quoted, see `formatName`). */
export const formatResponse = (response: Response): string => {
  switch (response._tag) {
    case "Sent":
      return `Sent ${formatPartitionOffset(response)}`
    case "Joined":
    case "HeartbeatOk":
    case "RebalanceInProgress":
      return `${response._tag} gen=${response.generation} ${formatAssignment(response.assignment)}`
    case "Left":
      return `Left gen=${response.generation}`
    case "Polled":
      return `Polled [${response.records.map(formatPartitionOffset).join(" ")}]${
        response.resets === undefined ? "" : ` reset=[${response.resets.map((r) => `${formatTopicPartition(r)}@${r.from}->${r.to}`).join(" ")}]`
      }`
    case "ProcessFailed":
      return `ProcessFailed ${formatPartitionOffset(response)} cause=${response.cause} attempt=${response.attempt}${
        response.retryAtMs === undefined ? "" : ` retryAt=${response.retryAtMs}ms`
      }`
    case "ProcessDeadLettered":
      return `ProcessDeadLettered ${formatPartitionOffset(response)} cause=${response.cause} attempts=${response.attempts} -> ${formatPartitionOffset(response.deadLetter)}`
    case "DownstreamSet":
      return `DownstreamSet ${formatName(response.group)} ${response.up ? "up" : "down"}`
    case "DeadLettersRedriven":
      return `DeadLettersRedriven [${response.records.map((r) => `${formatPartitionOffset(r.deadLetter)}->${formatPartitionOffset(r.source)}`).join(" ")}]`
    case "BackoffPending":
      return `BackoffPending ${formatPartitionOffset(response)} retryAt=${response.retryAtMs}ms`
    case "BreakerOpen":
      return `BreakerOpen ${formatPartitionOffset(response)} until=${response.untilMs}ms`
    case "NoFailurePolicy":
    case "NoDeadLetterTopic":
      return `${response._tag} ${formatName(response.group)}`
    case "Unsupported":
      return `Unsupported ${response.command}: ${response.reason}`
    case "Processed":
    case "ProcessCrashed":
      return `${response._tag} ${formatPartitionOffset(response)}${response.output === undefined ? "" : ` -> ${formatPartitionOffset(response.output)}`}${
        response.effect === undefined ? "" : ` effect=${formatEffectOutcome(response.effect)}`
      }`
    case "ServiceWritten":
      return `ServiceWritten ${formatName(response.service)} event=${formatName(response.event)}${
        response.sent === undefined ? "" : ` -> ${formatPartitionOffset(response.sent)}`
      }`
    case "ServiceCrashed":
      return `ServiceCrashed ${formatName(response.service)} event=${formatName(response.event)} ${
        response.committed ? "committed" : "uncommitted"
      }${response.sent === undefined ? " unsent" : ` -> ${formatPartitionOffset(response.sent)}`}`
    case "Relayed":
    case "RelayCrashed":
      return `${response._tag} ${formatName(response.service)} event=${formatName(response.event)}${
        response.sent === undefined ? " unsent" : ` -> ${formatPartitionOffset(response.sent)}`
      }`
    case "EffectsListed":
      return `EffectsListed ${formatName(response.group)} applied=${formatList(response.applied, formatAppliedEffect)} remembered=${
        formatList(response.remembered, formatRememberedId)
      } entities=${formatList(response.entities, formatEntityState)}`
    case "ServiceListed":
      return `ServiceListed ${formatName(response.service)} rows=${formatList(response.rows, formatBusinessRow)}${
        response.outbox.length === 0 ? "" : ` outbox=${formatList(response.outbox, formatOutboxRow)}`
      }`
    case "UnknownService":
    case "NotAnOutbox":
    case "OutboxEmpty":
      return `${response._tag} ${formatName(response.service)}`
    case "EventExists":
      return `EventExists ${formatName(response.service)} event=${formatName(response.event)}`
    case "NotDelivered":
      return `${response._tag} ${formatPartitionOffset(response)}`
    case "Committed":
      return `Committed gen=${response.generation} [${response.offsets.map(formatPartitionOffset).join(" ")}]`
    case "Seeked":
      return `Seeked ${formatPartitionOffset(response)}`
    case "Crashed":
      return "Crashed"
    case "ClockAdvanced": {
      const expired = response.expired.map(formatMember).join(" ")
      const rebalanced = response.rebalanced.map((gg) => `${formatName(gg.group)}@gen=${gg.generation}`).join(" ")
      const aborted = (response.transactionsAborted ?? []).map(formatCoordinatorAbort).join(" ")
      return `ClockAdvanced now=${response.nowMs}ms${expired === "" ? "" : ` expired=[${expired}]`}${
        rebalanced === "" ? "" : ` rebalanced=[${rebalanced}]`
      }${aborted === "" ? "" : ` timedOut=[${aborted}]`}${
        response.deadLettered === undefined ? "" : ` deadLettered=[${response.deadLettered.map((d) => `${formatName(d.queue)}#${d.messageId}`).join(" ")}]`
      }${response.logStarts === undefined ? "" : ` logStarts=[${response.logStarts.map((l) => `${formatTopicPartition(l)}@${l.logStartOffset}`).join(" ")}]`}`
    }
    case "ProducerInitialized":
      return `ProducerInitialized pid=${response.producerId} epoch=${response.epoch}${
        response.aborted === undefined ? "" : ` aborted=${formatOffsets(response.aborted)}`
      }`
    case "ProducerCrashed":
    case "TxnBegun":
      return response._tag
    case "TxnOffsetsSent":
      return `TxnOffsetsSent ${formatMember(response)} gen=${response.generation} ${formatOffsets(response.offsets)}`
    case "TxnCommitted":
    case "TxnAborted":
      return `${response._tag} markers=${formatOffsets(response.markers)}`
    case "Dumped":
      return `Dumped ${formatTopicPartition(response)} hw=${response.highWatermark} lso=${response.lastStableOffset}${
        response.logStartOffset === undefined ? "" : ` start=${response.logStartOffset}`
      } ${
        formatEntries(response.entries)
      }`
    case "OffsetsFetched":
      return `OffsetsFetched ${formatName(response.group)} ${formatOffsets(response.offsets)}`
    case "SendTimedOut":
      return `SendTimedOut ${formatName(response.producer)} -> ${formatTopicPartition(response)}`
    case "NothingToRetry":
    case "NotTransactional":
    case "ProducerNotInitialized":
    case "ProducerFenced":
    case "TransactionNotOpen":
    case "TransactionAlreadyOpen":
      return `${response._tag} ${formatName(response.producer)}`
    case "UnknownPartition":
      return `UnknownPartition ${formatTopicPartition(response)}`
    case "UnknownTopic":
      return `UnknownTopic ${formatName(response.topic)}`
    case "UnknownGroup":
      return `UnknownGroup ${formatName(response.group)}`
    case "UnknownMember":
    case "AlreadyMember":
      return `${response._tag} ${formatMember(response)}`
    case "NotAssigned":
      return `NotAssigned ${formatTopicPartition(response)}`
    case "StaleGeneration":
      return `StaleGeneration gen=${response.generation} current=${response.generationCurrent}`
    case "OffsetOutOfRange":
      return `OffsetOutOfRange ${formatPartitionOffset(response)} hw=${response.highWatermark}${
        response.logStartOffset === undefined ? "" : ` start=${response.logStartOffset}`
      }`
    case "Enqueued":
      return `Enqueued ${formatName(response.queue)}#${response.messageId}${response.deduplicated === true ? " deduplicated" : ""}${
        response.dropped === undefined ? "" : ` dropped=#${response.dropped}`
      }`
    case "SendBlocked":
      return `SendBlocked ${formatName(response.queue)}`
    case "SendRejected":
      return `SendRejected ${formatName(response.queue)}`
    case "Received":
      return `Received [${response.messages.map(formatReceivedMessage).join(" ")}]`
    case "QueueProcessed":
      return `QueueProcessed #${response.messageId} receipt=${response.receipt}`
    case "Acknowledged":
      return `Acknowledged #${response.messageId} receipt=${response.receipt} ${response.deleted ? "deleted" : "stale"}`
    case "Released":
      return `Released #${response.messageId} receipt=${response.receipt}${response.deadLettered ? " deadLettered" : ""}`
    case "Extended":
      return `Extended #${response.messageId} receipt=${response.receipt} until=${response.inFlightUntilMs}ms`
    case "QueueCrashed":
      return `QueueCrashed receipts=[${response.receipts.join(" ")}]`
    case "BrokerRestarted":
      return `BrokerRestarted [${response.clients.map((c) => `${formatName(c.queue)}/${formatName(c.consumer)}:[${c.receipts.join(" ")}]`).join(" ")}]`
    case "Redriven":
      return `Redriven [${response.messages.map((m) => `#${m.messageId}->${formatName(m.source)}`).join(" ")}]`
    case "QueueListed":
      return `QueueListed ${formatName(response.queue)} [${response.messages.map(formatQueueEntry).join(" ")}]${
        response.remembered.length === 0 ? "" : ` remembered=[${response.remembered.map((r) => `${formatName(r.dedupId)}=#${r.messageId}@${r.atMs}`).join(" ")}]`
      }`
    case "UnknownQueue":
    case "MessageGroupMissing":
    case "NotADeadLetterQueue":
      return `${response._tag} ${formatName(response.queue)}`
    case "FifoOnly":
      return `FifoOnly ${formatName(response.queue)} field=${response.field}`
    case "NotReceived":
      return `NotReceived ${formatName(response.queue)}/${formatName(response.consumer)} receipt=${response.receipt}`
    case "UnknownReceipt":
    case "NotInFlight":
      return `${response._tag} ${formatName(response.queue)} receipt=${response.receipt}`
  }
}
