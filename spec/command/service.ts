/**
 * Service commands: a service outside the broker writes its business state
 * and publishes one event per write to its topic, by its config's
 * `PublishMode` (the transactional outbox, or one of the two dual writes),
 * and the outbox relay publishes what the outbox holds.
 *
 * ## The service state these commands act on
 *
 * Per service, in its own database: the business table (one row per
 * committed event: event id, key, `atMs` of the commit), in commit order, and
 * for an `outbox` service the outbox table (one row per event: event id, key,
 * published or not), in insertion order. A service's sends are plain sends
 * by `serviceProducerName(service)` (spec/config.ts) to the service's topic:
 * key = the event's key (absent when it has none), value = the event id,
 * appended exactly as a `ProducerSend` without a lost acknowledgement
 * appends it. A service has no client state: a crash loses only the step it
 * interrupted.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Name } from "../config.ts"

/**
 * A service performs a business write whose event is `event`.
 *
 * 1. `UnknownService`. 2. `EventExists` when the business table holds the
 * event already (its primary key; nothing is written or sent).
 * 3. By the service's publish mode:
 *    - `outbox`: one local transaction inserts the business row and the
 *      outbox row (unpublished), and commits. Answer: `ServiceWritten`.
 *    - `commit-then-send`: the business row is committed; then the event is
 *      sent. Answer: `ServiceWritten`, with where the event was appended.
 *    - `send-then-commit`: the event is sent; then the business row is
 *      committed. Answer: `ServiceWritten`, with where the event was
 *      appended.
 *
 * With `crashMidway`, a fault: the service dies in the middle of step 3:
 * inside the outbox transaction, before its commit (it rolls back: nothing is
 * written); after the commit and before the send (`commit-then-send`: the
 * event is lost); after the send and before the commit (`send-then-commit`:
 * the event is a phantom). Answer: `ServiceCrashed`, saying whether the
 * business row was committed and, when the event was sent, where.
 */
export const ServiceWrite = Schema.TaggedStruct("ServiceWrite", {
  service: Name,
  event: Name,
  key: Schema.optionalKey(Schema.String),
  crashMidway: Schema.optionalKey(Schema.Literal(true))
})

/**
 * An outbox service's relay publishes the oldest unpublished outbox row.
 *
 * 1. `UnknownService`. 2. `NotAnOutbox` unless the service's publish mode is
 * `outbox`. 3. `OutboxEmpty` when every outbox row is published. 4. The row's
 * event is sent. 5. The row is marked published. Answer: `Relayed`, with where
 * the event was appended.
 *
 * With `crashMidway`, a fault: the relay dies after step 4 and before step 5,
 * so the row stays unpublished and a later relay sends it again (at least
 * once). Answer: `RelayCrashed`, with where the event was appended.
 */
export const RelayPublish = Schema.TaggedStruct("RelayPublish", {
  service: Name,
  crashMidway: Schema.optionalKey(Schema.Literal(true))
})
