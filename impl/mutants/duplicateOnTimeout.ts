/**
 * `mutant:duplicate-on-timeout`: the classic "hidden retry" bug (a client
 * library whose request timer fires before the acknowledgement arrives and
 * that resends the request on its own, Kafka's `retries` without
 * `enable.idempotence`, yet still reports the timeout to the application). A
 * send whose acknowledgement is lost is appended twice, although nobody
 * retried it; an idempotent producer's resend is recognised by the broker,
 * a plain producer's is not. Breaks `RetriesWithoutIdempotenceCanDuplicate`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { makeProducerTransport, ProducerTransport } from "../producer/transport.ts"
import type { Target } from "../target.ts"

/** A transport that resends a request once when its acknowledgement is lost. */
export const transportResendingLayer = Layer.effect(
  ProducerTransport,
  Effect.map(makeProducerTransport, (transport) => ({
    ...transport,
    send: (request, ackLost) => {
      if (!ackLost) return transport.send(request, false)
      const answer = transport.send(request, true)
      transport.resend(request, true)
      return answer
    }
  }))
)

/** The built-in broker with {@link transportResendingLayer}: a send whose ack is lost lands twice. */
export const duplicateOnTimeout: Target = makeBrokerTarget("mutant:duplicate-on-timeout", {
  producerTransport: transportResendingLayer
})
