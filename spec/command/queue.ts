/**
 * Queue commands: producers send messages to a queue, competing consumers
 * receive, process and acknowledge them, an operator redrives a dead-letter
 * queue (SQS's model: `SendMessage`, `ReceiveMessage`, `DeleteMessage`,
 * `ChangeMessageVisibility`, `StartMessageMoveTask`; see `QueueConfig` in
 * spec/config.ts for the visibility timeout, the redrive policy and FIFO).
 *
 * ## The queue state these commands act on
 *
 * Broker side, per queue: its messages in queue order (a send or a redrive
 * appends at the end). Each message has an id (the run's n-th enqueued
 * message, 0-based, counted over all queues; a move to a dead-letter queue
 * or back keeps it), its body (`value`), its group and deduplication id as
 * sent, its receive count since it was enqueued or last redriven, its latest
 * receipt and, once received, the end of its visibility timeout
 * (`inFlightUntilMs`): it is in flight while `nowMs < inFlightUntilMs`,
 * visible otherwise. Receipts are numbered over the whole run: the n-th
 * message handed out by any receive gets receipt n (0-based); a receipt
 * belongs to the queue that issued it. A FIFO queue also remembers each
 * deduplication id it enqueued, with the message and the time (the window
 * runs from the enqueue; a suppressed duplicate does not extend it). A
 * message in a dead-letter queue remembers its `source` queue.
 *
 * Client side, per (queue, consumer): the running consumer's buffer, the
 * receipts of the messages it received and has neither processed nor
 * released, in receive order. `QueueCrash` destroys it; the messages stay in
 * flight at the broker until their visibility ends.
 *
 * The application's side (the consumer protocol of `QueueMode`: when to
 * acknowledge, in what order to process) is the run's: the broker does not
 * enforce it. Queues have no producer state: a send's `sender` names who sent
 * (not a `producer` field: queue sends are outside Kafka's producer state).
 *
 * A message whose receive count reached its queue's `receiveCountMax` is
 * moved to the end of the dead-letter queue at the moment it would become
 * visible again: at a `ClockAdvance` that reaches the end of its visibility,
 * or at a `QueueRelease`. It keeps its receive count there.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { CountPositive, Count, Name } from "../config.ts"

/** A visibility change's milliseconds: positive, at most 1,000,000,000 (`configLimits.queueTimeMsMax`). */
const VisibilityMs = CountPositive.check(Schema.isLessThanOrEqualTo(1_000_000_000))

/**
 * A producer sends a message to a queue.
 *
 * 1. `UnknownQueue`. 2. `FifoOnly` when a queue that is not FIFO gets a
 * `group` or a `dedupId` (the field named is `group` when both are given).
 * 3. `MessageGroupMissing` when a FIFO queue gets no `group`.
 * 4. On a FIFO queue, a `dedupId` the queue remembers (enqueued less than
 * `dedupWindowMs` before `nowMs`, whether or not that message is still in
 * the queue): nothing is enqueued. Answer: `Enqueued` with the remembered
 * message's id and `deduplicated: true`.
 * 5. On a bounded queue (`messagesMax` and `overflow`, see `QueueOverflow`
 * in spec/config.ts) whose visible messages number `messagesMax` or more:
 * `block`: nothing is stored, answer `SendBlocked`; `reject`: nothing is
 * stored, answer `SendRejected`; `drop-oldest`: the queue's first visible
 * message (in queue order) is removed, then step 6 runs and its `Enqueued`
 * carries `dropped` with the removed message's id; `drop-newest`: the
 * message gets the next message id and is not stored, its `dedupId` is not
 * remembered; answer `Enqueued` with `dropped` equal to its own id.
 * 6. The message is appended to the queue, visible, with receive count 0 and
 * the next message id; a `dedupId` is remembered at `nowMs` with it.
 * Answer: `Enqueued`.
 */
export const QueueSend = Schema.TaggedStruct("QueueSend", {
  sender: Name,
  queue: Name,
  value: Schema.String,
  group: Schema.optionalKey(Name),
  dedupId: Schema.optionalKey(Name)
})

/**
 * A consumer receives up to `messagesMax` messages.
 *
 * 1. `UnknownQueue`. 2. The messages returned are the first `messagesMax`
 * of the queue's visible messages in queue order; on a FIFO queue, only
 * messages of a group none of whose messages is in flight (so a receive may
 * return several consecutive messages of one group, as SQS FIFO does; qsem
 * takes them in queue order across groups). Each gets receive count +
 * 1, the next receipt, and `inFlightUntilMs = nowMs + visibilityTimeoutMs`;
 * the consumer's buffer gets their receipts (a consumer without a client
 * starts one). Answer: `Received` (possibly with no message).
 */
export const QueueReceive = Schema.TaggedStruct("QueueReceive", {
  queue: Name,
  consumer: Name,
  messagesMax: CountPositive
})

/**
 * The consumer's application processes a message it received (its side
 * effect, seen by the checkers as the `QueueProcessed` answer).
 *
 * 1. `UnknownQueue`. 2. `NotReceived` unless the consumer's buffer holds the
 * receipt (a crashed consumer's buffer is gone; a processed or released
 * receipt left it). 3. The receipt leaves the buffer. Processing does not
 * touch the broker: the message's visibility and receive count stay as they
 * are, and a receipt made stale by a redelivery is processed all the same.
 * Answer: `QueueProcessed`.
 */
export const QueueProcess = Schema.TaggedStruct("QueueProcess", {
  queue: Name,
  consumer: Name,
  receipt: Count
})

/**
 * A consumer acknowledges (deletes) a message by its receipt.
 *
 * 1. `UnknownQueue`. 2. `UnknownReceipt` when the queue never issued the
 * receipt. 3. When the receipt is the latest receipt of a message still in
 * the queue (in flight or visible again, not received since), the message is
 * deleted. Answer: `Acknowledged` with `deleted: true`. 4. Otherwise (a
 * stale receipt: the message was received again since, or was deleted, moved
 * to the dead-letter queue or redriven) nothing changes. Answer:
 * `Acknowledged` with `deleted: false`. This is what SQS does: a delete with
 * an old receipt handle succeeds and the message stays (the docs: "you must
 * provide the most recently received receipt handle ... otherwise the
 * request succeeds, but the message might not be deleted"); qsem makes the
 * "might not" exact and says so in the answer, so a consumer and a checker
 * can tell.
 *
 * The consumer's buffer is not touched: anyone holding a receipt may delete,
 * as in SQS.
 */
export const QueueAck = Schema.TaggedStruct("QueueAck", {
  queue: Name,
  consumer: Name,
  receipt: Count
})

/**
 * A consumer releases a message early (SQS `ChangeMessageVisibility` to 0;
 * RabbitMQ's `basic.nack` with requeue).
 *
 * 1. `UnknownQueue`. 2. `UnknownReceipt`. 3. `NotInFlight` unless the
 * receipt is the latest receipt of a message in the queue that is in
 * flight. 4. The receipt leaves the consumer's buffer if it is there, and the
 * message's visibility ends now: it is visible again, or, when its receive
 * count reached `receiveCountMax`, moved to the dead-letter queue. Answer:
 * `Released`, saying which.
 */
export const QueueRelease = Schema.TaggedStruct("QueueRelease", {
  queue: Name,
  consumer: Name,
  receipt: Count
})

/**
 * A consumer extends a message's visibility (SQS `ChangeMessageVisibility`
 * to `ms`; JetStream's `AckProgress`): it stays in flight until `nowMs + ms`.
 *
 * 1. `UnknownQueue`. 2. `UnknownReceipt`. 3. `NotInFlight` as in
 * `QueueRelease`. 4. `inFlightUntilMs = nowMs + ms`. Answer: `Extended`.
 */
export const QueueExtend = Schema.TaggedStruct("QueueExtend", {
  queue: Name,
  consumer: Name,
  receipt: Count,
  ms: VisibilityMs
})

/**
 * A fault: the consumer crashes. Its client for the queue (its buffer) is
 * gone; its messages stay in flight at the broker until their visibility
 * ends, and their receive counts stay counted (as SQS and RabbitMQ quorum
 * queues count them). A consumer without a client crashes all the same.
 *
 * 1. `UnknownQueue`. 2. Answer: `QueueCrashed`, with the receipts its buffer
 * held, in receive order.
 */
export const QueueCrash = Schema.TaggedStruct("QueueCrash", {
  queue: Name,
  consumer: Name
})

/**
 * An operator redrives a dead-letter queue back to its sources (SQS's
 * `StartMessageMoveTask` with the source as destination).
 *
 * 1. `UnknownQueue`. 2. `NotADeadLetterQueue` unless some queue names this
 * queue as its `deadLetterQueue`. 3. Every message of the queue that was
 * moved there from a source queue and is not in flight leaves it, in queue
 * order, and is appended to its source: visible, receive count 0, no receipt
 * (its old receipts are stale), same id, group and dedup id (no
 * deduplication check). Messages without a source stay, and so do messages a
 * consumer of the dead-letter queue holds in flight (SQS's move task receives
 * the messages it moves, and RabbitMQ's `basic.get` takes ready ones only):
 * once their visibility ends, the next redrive moves them. Answer:
 * `Redriven`, listing the moved messages in order.
 */
export const QueueRedrive = Schema.TaggedStruct("QueueRedrive", {
  queue: Name
})
