/**
 * `mutant:reorder-partition`: the classic "parallel fetch reorders a
 * partition" bug (records of one partition handed out of offset order, e.g.
 * by a concurrent fetch or a LIFO buffer). Two or more records of a
 * partition in one poll come newest first. Breaks `PartitionOrderPreserved`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { ConsumerClients, type DeliveryPolicy, makeConsumerClientsWith } from "../consumerClients.ts"
import type { Target } from "../target.ts"

/** Delivers a partition's fetched records newest first when there are two or more; positions still move past them. */
export const deliverReversed: DeliveryPolicy = (fetched, _from, position) => ({
  records: fetched.length >= 2 ? [...fetched].reverse() : fetched,
  position
})

/** Consumer clients whose polls deliver each partition's records in reverse offset order. */
export const clientsReversedLayer = Layer.effect(ConsumerClients, makeConsumerClientsWith(deliverReversed))

/** The built-in broker with {@link clientsReversedLayer}: a partition's records come newest first. */
export const reorderPartition: Target = makeBrokerTarget("mutant:reorder-partition", {
  consumerClients: clientsReversedLayer
})
