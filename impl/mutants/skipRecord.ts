/**
 * `mutant:skip-record`: the classic "lost in the batch" bug (a batch decoder
 * that skips a record but advances past it). When a poll would deliver two
 * or more records of one partition, the second never reaches the
 * application, although nothing crashed. Breaks `AtMostOnceCanLose` (a loss
 * with no crash or seek to explain it) and `NoLossUnderAtLeastOnce`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { ConsumerClients, type DeliveryPolicy, makeConsumerClientsWith } from "../consumerClients.ts"
import type { Target } from "../target.ts"

/** Drops the second of two or more fetched records of a partition; the position still moves past it. */
export const deliverSkippingSecond: DeliveryPolicy = (fetched, _from, position) => ({
  records: fetched.length >= 2 ? [fetched[0], ...fetched.slice(2)] : fetched,
  position
})

/** Consumer clients whose polls silently drop the second record of a partition. */
export const clientsSkipSecondLayer = Layer.effect(ConsumerClients, makeConsumerClientsWith(deliverSkippingSecond))

/** The built-in broker with {@link clientsSkipSecondLayer}: a poll's second record of a partition is lost. */
export const skipRecord: Target = makeBrokerTarget("mutant:skip-record", { consumerClients: clientsSkipSecondLayer })
