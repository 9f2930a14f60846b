/**
 * `mutant:ignore-last-stable-offset`: the classic "dirty read" bug (a fetch
 * under `read_committed` bounded by the high watermark instead of the last
 * stable offset). A `read_committed` group receives the records of
 * transactions that are still open, which may yet abort. Breaks
 * `ReadCommittedStopsAtTheLastStableOffset`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { ConsumerClients, deliverInOrder, makeConsumerClientsWith } from "../consumerClients.ts"
import { isolationKafka, type IsolationPolicy } from "../isolation.ts"
import type { Target } from "../target.ts"

/** Kafka's isolation, but every fetch reads up to the high watermark. */
export const isolationIgnoringLastStable: IsolationPolicy = {
  ...isolationKafka,
  bound: (_isolation, log, topic, partition) => log.highWatermark(topic, partition)
}

/** Consumer clients whose `read_committed` fetches read open transactions' records. */
export const clientsIgnoreLastStableLayer = Layer.effect(
  ConsumerClients,
  makeConsumerClientsWith(deliverInOrder, isolationIgnoringLastStable)
)

/** The built-in broker with {@link clientsIgnoreLastStableLayer}: read_committed reads past the last stable offset. */
export const ignoreLastStableOffset: Target = makeBrokerTarget("mutant:ignore-last-stable-offset", {
  consumerClients: clientsIgnoreLastStableLayer
})
