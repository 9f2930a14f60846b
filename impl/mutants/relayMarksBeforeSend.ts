/**
 * `mutant:relay-marks-before-send`: the outbox relay claims the next
 * unpublished row by marking it published as it reads it (`UPDATE outbox SET
 * published = true ... RETURNING *`), and sends afterwards: at most once.
 * When the relay dies in the middle of its work, between its two steps, the
 * row is already marked and its send never made, so no later relay sends it
 * and the committed event is lost. Breaks `OutboxNeverLosesACommittedEvent`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { OutboxRelay, type OutboxRelayShape } from "../service/outboxRelay.ts"
import { makeServiceSend } from "../service/serviceSend.ts"
import { ServiceStore } from "../service/serviceStoreShape.ts"
import type { Target } from "../target.ts"

/** A relay that marks, then sends. Its crash lands between the two, before the send, so its answer has no `sent`. */
export const relayClaimingLayer = Layer.effect(
  OutboxRelay,
  Effect.gen(function*() {
    const store = yield* ServiceStore
    const serviceSend = yield* makeServiceSend
    const relay: OutboxRelayShape = {
      publish: (service, crashMidway) => {
        const row = store.nextUnpublished(service.name)
        if (row === undefined) return undefined
        store.markPublished(service.name, row.event)
        if (crashMidway) return { event: row.event, sent: undefined, crashed: true }
        return { event: row.event, sent: serviceSend(service, row.event, row.key), crashed: false }
      }
    }
    return relay
  })
)

/** The built-in broker with {@link relayClaimingLayer}. */
export const relayMarksBeforeSend: Target = makeBrokerTarget("mutant:relay-marks-before-send", { outboxRelay: relayClaimingLayer })
