/**
 * `mutant:receive-deletes`: the queue acknowledges on delivery (RabbitMQ's
 * `autoAck`/`noAck` consumers, a JMS `AUTO_ACKNOWLEDGE` session that acks on
 * receipt): a receive deletes the messages it hands out, so a consumer that
 * crashes or times out before processing loses them, even with an
 * at-least-once protocol; its own acknowledgement then finds nothing to
 * delete (`Acknowledged` with `deleted: false`). Breaks
 * `QueueNoLossUnderAtLeastOnce`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { makeQueueStore, QueueStore } from "../queue/queueStore.ts"
import type { Target } from "../target.ts"

/** A queue store whose receives delete the messages they hand out. */
export const queueStoreAutoAckLayer = Layer.effect(
  QueueStore,
  Effect.map(makeQueueStore, (store) => ({
    ...store,
    receive: (queue, nowMs, messagesMax) => {
      const messages = store.receive(queue, nowMs, messagesMax)
      for (const message of messages) store.remove(queue.name, message.messageId)
      return messages
    }
  }))
)

/** The built-in broker with {@link queueStoreAutoAckLayer}. */
export const receiveDeletes: Target = makeBrokerTarget("mutant:receive-deletes", { queueStore: queueStoreAutoAckLayer })
