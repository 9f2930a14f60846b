/**
 * What the JetStream target says about itself, per setting: the part of the
 * model it is checked against, where JetStream's documented semantics
 * differ, how its runs are judged, and the guarantees that do not apply.
 *
 * @module
 */
import type { BrokerProfile } from "../brokerTarget.ts"
import type { NatsSetting } from "./settings.ts"

/** The config file the JetStream target's checks run. */
export const natsConfigFile = "examples/configs/brokers/nats-jetstream.json"

const modelPart =
  "qsem's queues without a redrive policy or a bound (at-least-once and at-most-once queues, FIFO queues for their deduplication only), " +
  "with consumer crashes and broker restarts: one JetStream stream per queue (work-queue retention, one subject) and one durable pull consumer " +
  "(explicit acks, ack_wait = the visibility timeout as a broker timer, unlimited max_deliver) that every consumer of the queue pulls from."

const differences: ReadonlyArray<string> = [
  "Acknowledgements, naks and in-progress signals act on the message, not on the delivery: the server looks a message up by its stream sequence " +
    "(the ack subject's) and ignores which delivery the ack subject came from, so an ack with a stale delivery's subject deletes the message while " +
    "another consumer holds its current delivery (StaleReceiptsDoNotDelete is violated), a -NAK with a stale subject makes the current delivery " +
    "redeliverable at once, and +WPI with a stale subject extends the current one (nats-server 2.9 consumer.go processAckMsg, processNak, progressUpdate).",
  "QueueExtend is JetStream's AckProgress (+WPI, the client's working()): it restarts the whole ack wait, whatever ms the command asks for, so " +
    "the Extended answer says inFlightUntilMs = now + visibilityTimeoutMs (docs: \"in progress ... resets the redelivery timer\").",
  "QueueRelease is -NAK (redeliver now); a release or an extension of a message whose latest delivery's ack wait ran out is answered NotInFlight " +
    "by the adapter, from its own record of logical delivery times (the server replies the same to every ack-protocol message, processed or ignored).",
  "A receive hands out redeliveries before new messages (the consumer's redelivery queue first, each batch of expired deliveries in stream order), " +
    "not the queue order the model uses.",
  "FIFO queues: JetStream has no message groups; a pull consumer hands out several messages of one group at once and keeps no group in order " +
    "across redeliveries. Their dedup ids are Nats-Msg-Id: the stream's duplicate_window (the dedup window as a broker timer) suppresses a " +
    "re-send and the PubAck says duplicate with the first message's sequence.",
  "ObserverQueue lists the messages the stream stores (by sequence); their receive count, latest receipt and visibility end come from the " +
    "adapter's record of the deliveries it saw, and a FIFO queue's remembered dedup ids from its record of the sends the broker did not " +
    "call duplicate (JetStream does not list its dedup map): those fields are the adapter's, not the broker's.",
  "Time is real: ack_wait and duplicate_window are the logical timeouts scaled (brokers/realTime.ts), half a quantum early; a restart that " +
    "takes longer than half a quantum of real time can let a timer run out before the logical time the model gives it."
]

const notApplicable = {
  PoisonMessagesEndInTheDeadLetterQueue:
    "JetStream has no dead-letter queue: past max_deliver a message is only not delivered again (it stays in the stream) and the server " +
    "publishes a $JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES advisory, in nats-server 2.9 only at the consumer's next pull; moving the message " +
    "would be the application's code (configs with a redrive policy are refused)",
  RedriveReturnsDeadLetters: "JetStream has no dead-letter queue to redrive (configs with a redrive policy are refused)",
  FifoGroupOrderPreserved:
    "JetStream has no message groups: a pull consumer with max_ack_pending above 1 hands out several messages of one group, and redeliveries " +
    "come before new messages; the group is only carried in a header",
  OverflowIsKnownToTheProducer:
    "bounded queues are not mapped: JetStream's max_msgs with discard: new refuses a publish by the stored count, in-flight messages included",
  DropOverflowLosesSilently:
    "bounded queues are not mapped: JetStream's discard: old drops the oldest stored message, in flight or not"
} as const

const settingText: Record<NatsSetting, string> = {
  file: "file storage (stream storage: file, the default; the file store writes each message before the PubAck, fsyncs every 60 s)",
  memory: "memory storage (stream storage: memory)"
}

/** The profile of the JetStream target under `setting`. */
export const natsProfileOf = (setting: NatsSetting): BrokerProfile => ({
  broker: "NATS JetStream",
  setting: settingText[setting],
  server: "nats-server 2.9.10 (Debian 12), client nats.js 2.29",
  modelPart,
  differences,
  conformance: "guarantees-only",
  notApplicable,
  configFile: natsConfigFile
})
