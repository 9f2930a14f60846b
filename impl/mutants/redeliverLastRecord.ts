/**
 * `mutant:redeliver-last-record`: the classic off-by-one of offsets (storing
 * the offset of the last record read instead of the next offset to read).
 * The next poll of the partition delivers its last record again, so records
 * are processed twice without any crash or rebalance. Breaks
 * `NoDuplicateUnderAtMostOnce` and `AtLeastOnceCanDuplicate`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { ConsumerClients, type DeliveryPolicy, makeConsumerClientsWith } from "../consumerClients.ts"
import type { Target } from "../target.ts"

/** Delivers the fetched records but leaves the position at the last delivered offset, not after it. */
export const deliverOffByOne: DeliveryPolicy = (fetched, _from, position) => ({
  records: fetched,
  position: fetched.length === 0 ? position : fetched[fetched.length - 1].offset
})

/** Consumer clients whose positions stop one short after each delivering poll. */
export const clientsOffByOneLayer = Layer.effect(ConsumerClients, makeConsumerClientsWith(deliverOffByOne))

/** The built-in broker with {@link clientsOffByOneLayer}: each poll's last record comes again. */
export const redeliverLastRecord: Target = makeBrokerTarget("mutant:redeliver-last-record", {
  consumerClients: clientsOffByOneLayer
})
