/**
 * `mutant:refuse-but-store`: a full `block` or `reject` queue stores the
 * message and still answers that it refused it. The refusal the producer
 * acts on is false: a publisher confirm turned into a nack by a leader
 * change after the leader had written the message, or a produce request
 * that timed out at the client while the broker appended it. The producer
 * of a `block` queue sends the message again, so it is enqueued twice; the
 * producer of a `reject` queue counts a loss that did not happen. Breaks
 * `OverflowIsKnownToTheProducer` (a message is received that no `Enqueued`
 * gave).
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { overflowConfigured, QueueOverflowPolicy } from "../queue/overflow.ts"
import { makeQueueStore, QueueStore } from "../queue/queueStore.ts"
import type { Target } from "../target.ts"

/** The configured bound, except that a full `block` or `reject` queue stores the send. */
const storeRefusedLayer = Layer.succeed(QueueOverflowPolicy, {
  overflowOf: (queue, messages, nowMs) =>
    queue.overflow === "block" || queue.overflow === "reject" ? { _tag: "Store" } : overflowConfigured.overflowOf(queue, messages, nowMs)
})

/**
 * A queue store that decides a send by the configured bound but always
 * stores it: a refused send is appended all the same (using up its message
 * id) and answered `Refused`.
 */
export const queueStoreRefuseButStoreLayer = Layer.effect(
  QueueStore,
  Effect.map(Effect.provide(makeQueueStore, storeRefusedLayer), (store) => ({
    ...store,
    send: (queue, sent, nowMs) => {
      const entries = store.list(queue.name, nowMs)
      const visible = entries.filter((entry) => entry.inFlightUntilMs === undefined || entry.inFlightUntilMs <= nowMs)
      const full = queue.messagesMax !== undefined && visible.length >= queue.messagesMax
      const stored = store.send(queue, sent, nowMs)
      if (!full || (queue.overflow !== "block" && queue.overflow !== "reject")) return stored
      return { _tag: "Refused", overflow: queue.overflow } as const
    }
  }))
)

/** The built-in broker with {@link queueStoreRefuseButStoreLayer}. */
export const refuseButStore: Target = makeBrokerTarget("mutant:refuse-but-store", { queueStore: queueStoreRefuseButStoreLayer })
