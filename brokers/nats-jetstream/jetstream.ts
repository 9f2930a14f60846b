/**
 * The JetStream calls the adapter makes besides pulls: creating and deleting
 * a queue's stream and consumer, reading a stored message by sequence, and
 * the acknowledgement protocol (`+ACK`, `-NAK`, `+WPI` sent as requests to
 * a delivery's ack subject, so the server's reply says it processed them).
 *
 * @module
 */
import { AckPolicy, DeliverPolicy, type JetStreamManager, type NatsConnection, nanos, ReplayPolicy, RetentionPolicy, type StorageType, type StoredMsg } from "nats"
import type { QueueNames } from "./names.ts"

/** How one queue's stream and consumer are made. */
export interface QueueSetup {
  readonly names: QueueNames
  readonly storage: StorageType
  /** The consumer's `ack_wait`, real ms: the queue's visibility timeout as a broker timer. */
  readonly ackWaitMs: number
  /** The stream's `duplicate_window`, real ms (a FIFO queue's dedup window as a broker timer), or `undefined` for the server's default. */
  readonly duplicateWindowMs: number | undefined
}

/** How long an acknowledgement-protocol request may wait for the server's reply (real ms). */
export const ackAnswerMsMax = 5_000

/**
 * Creates the queue's stream (work-queue retention: an acknowledged message
 * is removed from the stream; one subject) and its durable pull consumer
 * (explicit acks, `ack_wait`, unlimited `max_deliver`, a `max_ack_pending`
 * no run reaches). Both adds are idempotent for the same config, so this is
 * also what an application runs at start-up, after a restart that lost a
 * memory stream.
 */
export const ensureQueue = async (jsm: JetStreamManager, setup: QueueSetup): Promise<void> => {
  const { names } = setup
  await jsm.streams.add({
    name: names.stream,
    subjects: [names.subject],
    retention: RetentionPolicy.Workqueue,
    storage: setup.storage,
    num_replicas: 1,
    ...(setup.duplicateWindowMs === undefined ? {} : { duplicate_window: nanos(setup.duplicateWindowMs) })
  })
  await jsm.consumers.add(names.stream, {
    durable_name: names.consumer,
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(setup.ackWaitMs),
    max_deliver: -1,
    max_ack_pending: 100_000,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant
  })
}

/** Deletes the queue's stream (and so its consumer); a stream already gone is fine. */
export const deleteQueue = async (jsm: JetStreamManager, names: QueueNames): Promise<void> => {
  try {
    await jsm.streams.delete(names.stream)
  } catch (error) {
    if (!isNotFound(error)) throw error
  }
}

/** Whether a JetStream API error says "not found" (no such message, stream or consumer). */
const isNotFound = (error: unknown): boolean => {
  const apiError = (error as { api_error?: { code?: number; err_code?: number } } | undefined)?.api_error
  return apiError?.code === 404
}

/** The message stored at `seq` in the stream, or `undefined` when there is none (deleted, or never stored). */
export const storedMessage = async (jsm: JetStreamManager, stream: string, seq: number): Promise<StoredMsg | undefined> => {
  try {
    return await jsm.streams.getMessage(stream, { seq })
  } catch (error) {
    if (isNotFound(error)) return undefined
    throw error
  }
}

/** The acknowledgement-protocol messages: acknowledge, negative-acknowledge (redeliver now), in progress (restart the ack wait). */
export type AckKind = "+ACK" | "-NAK" | "+WPI"

/**
 * Sends an acknowledgement-protocol message to a delivery's ack subject as
 * a request (the client's `ackAck()`): resolves once the server processed
 * it. The server replies the same whatever the message did (nothing, for a
 * message no longer pending), so the reply says "processed", not "deleted".
 */
export const ackRequest = async (nc: NatsConnection, ackSubject: string, kind: AckKind): Promise<void> => {
  await nc.request(ackSubject, new TextEncoder().encode(kind), { timeout: ackAnswerMsMax })
}
