/**
 * What the JetStream target says about itself, per setting: the part of the
 * model it is checked against, where JetStream's documented semantics
 * differ, how its runs are judged, and the guarantees that do not apply.
 * Each difference names the nats-server 2.9.10 source or the JetStream
 * documentation it rests on; broker.test.ts pins the server's side of each.
 *
 * @module
 */
import { natsViolationNotes } from "./violationNotes.ts"
import type { BrokerProfile } from "../brokerTarget.ts"
import type { NatsSetting } from "./settings.ts"

/** The config file the JetStream target's checks run. */
export const natsConfigFile = "examples/configs/brokers/nats-jetstream.json"

const modelPart =
  "qsem's queues without a redrive policy or a bound: at-least-once and at-most-once queues, FIFO queues for their deduplication only, " +
  "with consumer crashes and broker restarts (SIGKILL). Each queue is one JetStream stream (work-queue retention, one subject) with one " +
  "durable pull consumer (explicit acks, ack_wait = the visibility timeout as a broker timer, unlimited max_deliver) that every consumer " +
  "of the queue pulls from with no-wait pulls; a receipt is one delivery's ack subject."

const common: ReadonlyArray<string> = [
  "Acknowledgements act on the message, not on the delivery: the server looks a message up by the stream sequence in the ack subject and " +
    "ignores which delivery it came from, so an ack with a stale receipt deletes the message while another consumer holds its current " +
    "delivery (StaleReceiptsDoNotDelete is violated), a -NAK with a stale receipt makes the current delivery redeliverable at once, and " +
    "+WPI with a stale receipt extends the current one (nats-server 2.9 consumer.go: processAckMsg, processNak, progressUpdate). The " +
    "server's reply to an ack request is the same whatever it did, so Acknowledged.deleted is read from the stream (stored before, gone after).",
  "QueueExtend is AckProgress (+WPI, the client's working()): it restarts the whole ack wait, whatever ms the command asks for, so the " +
    "Extended answer says inFlightUntilMs = now + visibilityTimeoutMs (docs: \"in progress ... resets the redelivery timer\"). QueueRelease is " +
    "-NAK. A release or an extension of a message gone from the stream, or whose latest delivery's ack wait ran out, is answered NotInFlight " +
    "by the adapter, from its own record of logical delivery times.",
  "A receive hands out redeliveries before new messages (the consumer's redelivery queue first, each batch of expired deliveries in stream " +
    "order), not in the model's queue order.",
  "FIFO queues: JetStream has no message groups (the group is only carried in a header); a pull consumer hands out a group's messages " +
    "while another of the group is in flight. A dedup id is the Nats-Msg-Id header: the stream's duplicate_window (the dedup window as a broker timer, at least 100 ms) " +
    "suppresses a re-send and the PubAck says duplicate with the first message's sequence. The window is kept in server memory and rebuilt " +
    "at start-up from the messages still stored, so an id whose message was acknowledged (deleted) is forgotten at a restart.",
  "ObserverQueue lists the messages the stream stores, by sequence; their receive count, latest receipt and visibility end, and a FIFO " +
    "queue's remembered dedup ids, come from the adapter's record of the deliveries it saw and the sends the broker did not call duplicate " +
    "(JetStream lists neither per message): those fields are the adapter's, not the broker's. A message an ack deleted stays out of the " +
    "listing even when a SIGKILL brought its record back into the store, unless the consumer delivers it again.",
  "After a restart the consumer checks its restored pending deliveries only after one ack wait (nats-server 2.9 applyState: the lesser of " +
    "ack_wait and 0.5 to 1.5 s), and its redelivery queue is not stored: deliveries in flight at the kill and messages released just before " +
    "it come back that much later than the model says. The final drain, which waits for the model's visibility ends only, can then find " +
    "them still held; the run does not judge QueueNoLossUnderAtLeastOnce for that queue.",
  "Time is real: ack_wait and duplicate_window are the logical timeouts scaled (brokers/realTime.ts), half a quantum early. A BrokerRestart " +
    "(SIGKILL, start, /healthz, a new connection, the streams ensured) takes about 40 to 50 ms, close to half a quantum at the default scale " +
    "(50 ms): time that passes without a clock advance can only make a redelivery later than the model, not earlier."
]

const bySetting: Record<NatsSetting, { readonly setting: string; readonly differences: ReadonlyArray<string> }> = {
  file: {
    setting: "stream storage file (the default): the file store writes each message before the PubAck; fsync every 60 s (not configurable in 2.9)",
    differences: [
      "SIGKILL with file storage: no acknowledged send is lost (the message is written to its block file before the PubAck; only an OS " +
        "crash needs the fsync). What is not yet written is the consumer's state (deliveries and acks, written at most every 100 ms) and " +
        "a deletion's place in the block index (written at most every 0.5 to 2 s, unless the deletion moves the stream's first sequence): " +
        "messages acknowledged just before the kill come back into the stream and, their acks lost too, are delivered again " +
        "(VisibilityTimeoutRedelivers: \"a deleted message is never received again\" fails), and deliveries just before the kill can be " +
        "forgotten (the message is delivered again as new, delivery count 1)."
    ]
  },
  memory: {
    setting: "stream storage memory: messages, consumer state and dedup ids in server memory only",
    differences: [
      "SIGKILL with memory storage: the stream and its consumer are gone after the restart (the server does not recreate memory streams); " +
        "the adapter creates them again, as an application does at start-up. Every acknowledged send not yet processed is lost " +
        "(QueueNoLossUnderAtLeastOnce is violated), and every dedup id is forgotten (DeduplicationWindowSuppresses is violated by a re-send " +
        "within the window after a restart)."
    ]
  }
}

const notApplicable = {
  PoisonMessagesEndInTheDeadLetterQueue:
    "JetStream has no dead-letter queue: past max_deliver a message is only not delivered again (it stays in the stream) and the server " +
    "publishes a $JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES advisory, in nats-server 2.9 only at the consumer's next pull (which, with " +
    "no_wait and nothing else to deliver, the server then never answers); moving the message would be the application's code, so configs " +
    "with a redrive policy are refused",
  RedriveReturnsDeadLetters: "JetStream has no dead-letter queue to redrive (configs with a redrive policy are refused)",
  FifoGroupOrderPreserved:
    "JetStream has no message groups: a pull consumer hands out a group's messages while another of the group is in flight and redelivers " +
    "before it delivers new messages; the group is only carried in a header",
  OverflowIsKnownToTheProducer:
    "bounded queues are not mapped (refused): JetStream's max_msgs with discard: new refuses a publish by the stored count, in-flight messages included",
  DropOverflowLosesSilently:
    "bounded queues are not mapped (refused): JetStream's discard: old drops the oldest stored message, in flight or not"
} as const

/** The profile of the JetStream target under `setting`. */
export const natsProfileOf = (setting: NatsSetting): BrokerProfile => ({
  broker: "NATS JetStream",
  setting: bySetting[setting].setting,
  server: "nats-server 2.9.10 (Debian 12), client nats.js 2.29",
  modelPart,
  differences: [...common, ...bySetting[setting].differences],
  conformance: "guarantees-only",
  notApplicable,
  configFile: natsConfigFile,
  violationNotes: natsViolationNotes
})
