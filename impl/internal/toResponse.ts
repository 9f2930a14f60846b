/**
 * The session boundary: a broker error becomes the spec's error Response, a
 * plain object with the same tag and fields (no stack, no prototype), so it
 * compares structurally with the model's answer.
 *
 * @module
 */
import type { ResponseError } from "../../spec/response.ts"
import type { BrokerError } from "../errors.ts"

/** The spec's error Response for a broker error. */
export const toResponse = (error: BrokerError): ResponseError => {
  switch (error._tag) {
    case "UnknownTopic":
      return { _tag: "UnknownTopic", topic: error.topic }
    case "UnknownGroup":
      return { _tag: "UnknownGroup", group: error.group }
    case "UnknownMember":
      return { _tag: "UnknownMember", group: error.group, member: error.member }
    case "AlreadyMember":
      return { _tag: "AlreadyMember", group: error.group, member: error.member }
    case "NotAssigned":
      return {
        _tag: "NotAssigned",
        group: error.group,
        member: error.member,
        topic: error.topic,
        partition: error.partition
      }
    case "NotDelivered":
      return {
        _tag: "NotDelivered",
        group: error.group,
        member: error.member,
        topic: error.topic,
        partition: error.partition,
        offset: error.offset
      }
    case "RebalanceInProgress":
      return {
        _tag: "RebalanceInProgress",
        group: error.group,
        member: error.member,
        generation: error.generation,
        assignment: error.assignment
      }
    case "StaleGeneration":
      return {
        _tag: "StaleGeneration",
        group: error.group,
        member: error.member,
        generation: error.generation,
        generationCurrent: error.generationCurrent
      }
    case "OffsetOutOfRange":
      return {
        _tag: "OffsetOutOfRange",
        topic: error.topic,
        partition: error.partition,
        offset: error.offset,
        highWatermark: error.highWatermark,
        ...(error.logStartOffset === undefined ? {} : { logStartOffset: error.logStartOffset })
      }
    case "SendTimedOut":
      return { _tag: "SendTimedOut", producer: error.producer, topic: error.topic, partition: error.partition }
    case "NothingToRetry":
    case "NotTransactional":
    case "ProducerNotInitialized":
    case "ProducerFenced":
    case "TransactionNotOpen":
    case "TransactionAlreadyOpen":
      return { _tag: error._tag, producer: error.producer }
    case "UnknownPartition":
      return { _tag: "UnknownPartition", topic: error.topic, partition: error.partition }
    case "UnknownService":
    case "NotAnOutbox":
    case "OutboxEmpty":
      return { _tag: error._tag, service: error.service }
    case "EventExists":
      return { _tag: "EventExists", service: error.service, event: error.event }
    case "UnknownQueue":
    case "MessageGroupMissing":
    case "NotADeadLetterQueue":
      return { _tag: error._tag, queue: error.queue }
    case "FifoOnly":
      return { _tag: "FifoOnly", queue: error.queue, field: error.field }
    case "NotReceived":
      return { _tag: "NotReceived", queue: error.queue, consumer: error.consumer, receipt: error.receipt }
    case "UnknownReceipt":
    case "NotInFlight":
      return { _tag: error._tag, queue: error.queue, receipt: error.receipt }
    case "BackoffPending":
      return {
        _tag: "BackoffPending",
        group: error.group,
        member: error.member,
        topic: error.topic,
        partition: error.partition,
        offset: error.offset,
        retryAtMs: error.retryAtMs
      }
    case "BreakerOpen":
      return {
        _tag: "BreakerOpen",
        group: error.group,
        member: error.member,
        topic: error.topic,
        partition: error.partition,
        offset: error.offset,
        untilMs: error.untilMs
      }
    case "NoFailurePolicy":
    case "NoDeadLetterTopic":
      return { _tag: error._tag, group: error.group }
  }
}
