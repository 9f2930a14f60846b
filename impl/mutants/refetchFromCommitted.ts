/**
 * `mutant:refetch-from-committed`: the classic "the consumer forgets its
 * fetch position" bug (a client that rebuilds its fetch session on every
 * poll, or seeks to the committed offset each time it resumes a partition).
 * Every poll of a partition starts at the group's committed offset (else 0)
 * instead of the client's own position, so records processed but not yet
 * committed are delivered again without any crash, rebalance or seek, and a
 * consumer processing in delivery order processes an older record of a key
 * after a newer one. Breaks `KeyOrderRegressesOnlyOnRedelivery`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { ConsumerClients, type ConsumerClientsShape, deliverInOrder, makeConsumerClientsWith } from "../consumerClients.ts"
import type { Target } from "../target.ts"

/**
 * Consumer clients whose every poll first forgets the client's positions (a
 * sync to the generation and assignment it already has, which keeps the
 * buffer), so each partition is read from the group's committed offset.
 */
export const makeConsumerClientsRefetching = Effect.gen(function*() {
  const real: ConsumerClientsShape = yield* makeConsumerClientsWith(deliverInOrder)
  return {
    ...real,
    poll: (group, member, recordsMax) => {
      const client = real.running(group, member)
      real.sync(group, member, client.generation, client.assignment)
      return real.poll(group, member, recordsMax)
    }
  } satisfies ConsumerClientsShape
})

/** The refetching clients as the broker's `ConsumerClients` layer. */
export const clientsRefetchingLayer = Layer.effect(ConsumerClients, makeConsumerClientsRefetching)

/** The built-in broker with {@link clientsRefetchingLayer}: every poll reads from the committed offset. */
export const refetchFromCommitted: Target = makeBrokerTarget("mutant:refetch-from-committed", { consumerClients: clientsRefetchingLayer })
