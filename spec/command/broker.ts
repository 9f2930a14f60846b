/**
 * Broker faults: the broker process itself dies and comes back.
 *
 * @module
 */
import * as Schema from "effect/Schema"

/**
 * A fault: the broker process is killed (SIGKILL, no shutdown) and restarted
 * from its data. Valid on configs with queues and no topics (see
 * `brokerRestarts` in spec/config.ts).
 *
 * The model is a broker that makes every send durable before it answers, so
 * what a restart changes is its clients: every connection is lost, and each
 * queue consumer that had a client loses it as at a `QueueCrash` (its buffer
 * is gone; its messages stay in flight until their visibility ends, their
 * receive counts counted). Messages, receive counts, visibility, the dead
 * letters and the remembered dedup ids are all kept. Answer:
 * `BrokerRestarted`, listing, queue by queue in configuration order and each
 * queue's consumers in the order their clients started, the receipts each
 * lost client held.
 *
 * A real broker differs exactly where its persistence does: a send it
 * acknowledged and then lost in the restart is what the checks of
 * `QueueNoLossUnderAtLeastOnce` then report, with the setting that lost it.
 */
export const BrokerRestart = Schema.TaggedStruct("BrokerRestart", {})
