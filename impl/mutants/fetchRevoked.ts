/**
 * `mutant:fetch-revoked`: the classic "zombie fetch" bug of an eager
 * rebalance (a consumer that keeps fetching the partitions it was asked to
 * revoke). When a client syncs to a new generation it adopts its new
 * partitions but keeps the ones the rebalance took away, so it goes on
 * reading partitions another member now owns, while the coordinator still
 * tells it only its new assignment. Breaks `DeliveriesFollowAssignment`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import type { TopicPartition } from "../../spec/record.ts"
import { makeBrokerTarget } from "../builtin.ts"
import { ConsumerClients, deliverInOrder, makeConsumerClientsWith } from "../consumerClients.ts"
import type { Target } from "../target.ts"

const byTopicThenPartition = (a: TopicPartition, b: TopicPartition): number =>
  a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition

/** The partitions of `kept` that `added` lacks, then all of `added`, in assignment order. */
const union = (kept: ReadonlyArray<TopicPartition>, added: ReadonlyArray<TopicPartition>): ReadonlyArray<TopicPartition> =>
  [
    ...kept.filter((tp) => !added.some((other) => other.topic === tp.topic && other.partition === tp.partition)),
    ...added
  ].sort(byTopicThenPartition)

/** Consumer clients whose sync adds the new assignment to the old one instead of replacing it. */
export const clientsFetchRevokedLayer = Layer.effect(
  ConsumerClients,
  Effect.gen(function*() {
    const clients = yield* makeConsumerClientsWith(deliverInOrder)
    return {
      ...clients,
      sync: (group, member, generation, assignment) =>
        clients.sync(group, member, generation, union(clients.running(group, member).assignment, assignment))
    }
  })
)

/** The built-in broker with {@link clientsFetchRevokedLayer}: synced clients keep fetching revoked partitions. */
export const fetchRevoked: Target = makeBrokerTarget("mutant:fetch-revoked", {
  consumerClients: clientsFetchRevokedLayer
})
