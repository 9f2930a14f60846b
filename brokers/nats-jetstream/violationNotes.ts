/**
 * Why NATS JetStream violates what its checks find violated, tied to the
 * NATS documentation and nats-server's behaviour (the docs' matrix prints
 * these under each violation).
 *
 * @module
 */
import type { BrokerProfile } from "../brokerTarget.ts"

/** The notes, per guarantee (a setting that does not violate one shows none). */
export const natsViolationNotes: NonNullable<BrokerProfile["violationNotes"]> = {
  StaleReceiptsDoNotDelete:
    "JetStream acknowledges a stream sequence, not a delivery: the ack of a delivery whose AckWait ran out, after the message was redelivered to another consumer, still removes the message from a work-queue stream (nats-server's processAckMsg acks by sequence), so the consumer now holding it processes a message that is gone.",
  VisibilityTimeoutRedelivers:
    "nats-server 2.9 writes a consumer's state (its deliveries and acks) at most every ~100 ms and applies deletions to a file stream later still: a SIGKILL right after an acknowledgement can bring the acknowledged message back, and it is delivered again after its delete (the file store keeps every acknowledged publish; it is the consumer's recent acks that a process crash loses).",
  QueueNoLossUnderAtLeastOnce:
    "A stream with storage memory lives only in the server process (the JetStream docs: memory storage is not persisted): a SIGKILL loses the stream with every publish JetStream acknowledged.",
  DeduplicationWindowSuppresses:
    "JetStream rebuilds its duplicate tracking from the messages still stored: with storage memory a restart forgets every Nats-Msg-Id, so a send repeated within the duplicate_window after a SIGKILL is stored again."
}
