/**
 * `mutant:stale-receipt-deletes`: the queue deletes a message with any
 * receipt ever issued for it, not only the latest (a broker that keys
 * deletes by message id, or an SQS look-alike that does not check the
 * receipt handle's generation): a slow consumer whose visibility ran out
 * deletes the message another consumer is working on, and its
 * `Acknowledged` says `deleted: true`. Breaks `StaleReceiptsDoNotDelete`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { makeQueueStore, QueueStore } from "../queue/queueStore.ts"
import type { Target } from "../target.ts"

/** A queue store whose acknowledgements delete the receipt's message whenever it is still in the queue. */
export const queueStoreAnyReceiptLayer = Layer.effect(
  QueueStore,
  Effect.map(makeQueueStore, (store) => ({
    ...store,
    acknowledge: (queue, receipt) => {
      const acknowledgement = store.acknowledge(queue, receipt)
      return acknowledgement.deleted ? acknowledgement : { ...acknowledgement, deleted: store.remove(queue, acknowledgement.messageId) }
    }
  }))
)

/** The built-in broker with {@link queueStoreAnyReceiptLayer}. */
export const staleReceiptDeletes: Target = makeBrokerTarget("mutant:stale-receipt-deletes", { queueStore: queueStoreAnyReceiptLayer })
