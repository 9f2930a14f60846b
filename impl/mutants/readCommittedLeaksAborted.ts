/**
 * `mutant:read-committed-leaks-aborted`: the classic "aborted read" bug
 * (Jepsen's G1a: a fetch that stops at the last stable offset but never
 * consults the aborted transactions, so it delivers every data record below
 * it). A `read_committed` group receives records of transactions that
 * aborted. Breaks `AbortedRecordsAreNeverReadCommitted`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { ConsumerClients, deliverInOrder, makeConsumerClientsWith } from "../consumerClients.ts"
import { isolationKafka, type IsolationPolicy } from "../isolation.ts"
import type { Target } from "../target.ts"

/** Kafka's isolation, but no record is ever skipped as aborted. */
export const isolationLeakingAborted: IsolationPolicy = { ...isolationKafka, skips: () => false }

/** Consumer clients whose `read_committed` fetches deliver aborted records. */
export const clientsLeakAbortedLayer = Layer.effect(
  ConsumerClients,
  makeConsumerClientsWith(deliverInOrder, isolationLeakingAborted)
)

/** The built-in broker with {@link clientsLeakAbortedLayer}: read_committed reads aborted records. */
export const readCommittedLeaksAborted: Target = makeBrokerTarget("mutant:read-committed-leaks-aborted", {
  consumerClients: clientsLeakAbortedLayer
})
