/**
 * `mutant:commit-before-process`: the classic "auto-commit before
 * processing" bug (Kafka's `enable.auto.commit` committing what `poll`
 * returned). An at-least-once member that crashes after a poll and before
 * processing loses those records, since whoever takes the partition over
 * resumes after them. Breaks `NoLossUnderAtLeastOnce`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import type { PartitionOffset } from "../../spec/record.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { makeBrokerTarget } from "../builtin.ts"
import { ConsumerClients, deliverInOrder, makeConsumerClientsWith } from "../consumerClients.ts"
import { partitionKey } from "../internal/topicPartition.ts"
import { OffsetStore } from "../offsetStore.ts"
import type { Target } from "../target.ts"

/**
 * Consumer clients that auto-commit at fetch time: in an at-least-once group,
 * right after every successful poll the client commits all its positions, so
 * the records it was just handed count as consumed before they are
 * processed.
 */
export const clientsCommitAtFetchLayer = Layer.effect(
  ConsumerClients,
  Effect.gen(function*() {
    const clients = yield* makeConsumerClientsWith(deliverInOrder)
    const offsets = yield* OffsetStore
    const config = yield* BrokerConfig
    return {
      ...clients,
      poll: (group, member, recordsMax) => {
        const polled = clients.poll(group, member, recordsMax)
        if (config.group(group)?.mode !== "at-least-once") return polled
        // The poll succeeded, so the member's client runs: `running` answers it.
        const client = clients.running(group, member)
        const positions: Array<PartitionOffset> = []
        for (const { partition, topic } of client.assignment) {
          const offset = client.positions.get(partitionKey(topic, partition))
          if (offset !== undefined) positions.push({ topic, partition, offset })
        }
        offsets.commit(group, positions)
        return polled
      }
    }
  })
)

/** The built-in broker with {@link clientsCommitAtFetchLayer}: at-least-once polls commit at once. */
export const commitBeforeProcess: Target = makeBrokerTarget("mutant:commit-before-process", {
  consumerClients: clientsCommitAtFetchLayer
})
