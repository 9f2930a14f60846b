/**
 * The way a producer's request travels to the partition's leader and its
 * answer back. A lost acknowledgement is a fault of this path: the request
 * took effect, only its answer never arrived. The leader appends a new send,
 * and recognises a retried idempotent send by its producer id, epoch and
 * sequence (see `idempotence.ts`), answering the original offset.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { DeadLetterHeader } from "../../spec/failure.ts"
import { LogStore, type LogStoreShape, type ProducerStamp } from "../logStore.ts"
import { Idempotence, type IdempotenceShape } from "./idempotence.ts"

/** A produce request as it reaches the leader of its partition. */
export interface ProduceRequest {
  readonly producer: string
  readonly topic: string
  readonly partition: number
  readonly key: string | undefined
  readonly value: string
  readonly timestampMs: number
  /** The producer id, epoch and sequence of an idempotent producer's send. */
  readonly stamp: ProducerStamp | undefined
  readonly transactional: boolean
  /** The dead-letter header of a record a group's application publishes to its dead-letter topic. */
  readonly deadLetter?: DeadLetterHeader | undefined
}

/** Where a request landed: its offset, and whether it was a recognised duplicate (nothing appended). */
export interface ProduceAnswer {
  readonly offset: number
  readonly duplicate: boolean
}

/** Carries produce requests to the leader. */
export interface ProducerTransportShape {
  /** A new send: appended at the high watermark (its acknowledgement lost when `ackLost`). */
  readonly send: (request: ProduceRequest, ackLost: boolean) => ProduceAnswer
  /**
   * A retry of a send: an idempotent one whose producer id's last append in
   * the partition has its epoch and sequence is answered with that offset
   * and appends nothing; any other is appended again.
   */
  readonly resend: (request: ProduceRequest, ackLost: boolean) => ProduceAnswer
}

/** The transport to the built-in leader: every request is delivered once. */
export const producerTransportOf = (logs: LogStoreShape, idempotence: IdempotenceShape): ProducerTransportShape => {

  const append = (request: ProduceRequest): ProduceAnswer =>
    request.stamp === undefined
      ? { offset: logs.append(request.topic, request.partition, request).offset, duplicate: false }
      : appendStamped(request)

  const appendStamped = (request: ProduceRequest): ProduceAnswer => {
    const record = logs.append(request.topic, request.partition, {
      producer: request.producer,
      key: request.key,
      value: request.value,
      timestampMs: request.timestampMs,
      stamp: request.stamp,
      transactional: request.transactional,
      deadLetter: request.deadLetter
    })
    const { stamp } = request
    if (stamp !== undefined) {
      idempotence.remember(stamp.producerId, request.topic, request.partition, {
        epoch: stamp.epoch,
        sequence: stamp.sequence,
        offset: record.offset
      })
    }
    return { offset: record.offset, duplicate: false }
  }

  return {
    send(request) {
      return append(request)
    },
    resend(request) {
      const { stamp } = request
      if (stamp !== undefined) {
        const offset = idempotence.duplicateOf(
          stamp.producerId,
          stamp.epoch,
          stamp.sequence,
          request.topic,
          request.partition
        )
        if (offset !== undefined) return { offset, duplicate: true }
      }
      return append(request)
    }
  }
}

/** {@link producerTransportOf} the broker's logs and idempotence memory, as an Effect. */
export const makeProducerTransport: Effect.Effect<ProducerTransportShape, never, LogStore | Idempotence> = Effect.gen(function*() {
  return producerTransportOf(yield* LogStore, yield* Idempotence)
})

/** The transport of producer requests. */
export class ProducerTransport extends Context.Service<ProducerTransport, ProducerTransportShape>()(
  "qsem/impl/ProducerTransport"
) {
  /** Every request reaches the leader exactly once. */
  static readonly layer: Layer.Layer<ProducerTransport, never, LogStore | Idempotence> = Layer.effect(
    ProducerTransport,
    makeProducerTransport
  )
}
