/**
 * Why RabbitMQ violates what its checks find violated, tied to the RabbitMQ
 * documentation (the docs' matrix prints these under each violation).
 *
 * @module
 */
import type { BrokerProfile } from "../brokerTarget.ts"

/** The notes, per guarantee (a setting that does not violate one shows none). */
export const rabbitmqViolationNotes: NonNullable<BrokerProfile["violationNotes"]> = {
  PoisonMessagesEndInTheDeadLetterQueue:
    "RabbitMQ has no visibility timeout: a quorum queue counts returns (a nack with requeue, a closed channel or connection) in x-delivery-count and dead-letters a message returned more often than x-delivery-limit (the quorum queue docs, \"Poison Message Handling\"), so a message moves at its last return, not when a timeout ends, and a consumer that holds its last delivery keeps it.",
  RedriveReturnsDeadLetters:
    "A quorum queue without a delivery limit (a dead-letter queue) requeues a released message at its back, so once an inspector of the dead-letter queue released a message, the adapter's redrive (basic.get until empty) returns the queue in another order than the one the messages arrived in.",
  QueueNoLossUnderAtLeastOnce:
    "A non-durable classic queue with transient messages lives in memory: the node's restart deletes the queue with every message it confirmed (the queues docs: durable queues \"will be recovered on node boot\", transient ones \"will be deleted\").",
  StaleReceiptsDoNotDelete:
    "A classic durable queue persists an acknowledgement lazily: a SIGKILL milliseconds after basic.ack undoes the delete, the message is delivered again, and its second delivery is deleted by a receipt the run took for stale."
}
