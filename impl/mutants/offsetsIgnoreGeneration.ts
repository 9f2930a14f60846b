/**
 * `mutant:offsets-ignore-generation`: the classic "zombie consumer offsets"
 * bug, a group coordinator from before KIP-447 that accepts a transactional
 * offset commit without checking the group metadata: not the member id, not
 * the generation, not which partitions the member still owns. A consumer
 * whose session expired, or that missed a rebalance, still adds offsets to
 * its producer's transaction, and its commit moves the offsets of partitions
 * now owned by someone else, so an input the new owner already turned into a
 * committed result gets a second one. Breaks `ZombiesAreFenced` and
 * `ExactlyOnceWithinTheBroker`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { BrokerConfig } from "../brokerConfig.ts"
import { makeBrokerTarget } from "../builtin.ts"
import { GroupCoordinator, makeGroupCoordinator } from "../groupCoordinator.ts"
import type { Target } from "../target.ts"

/**
 * A group coordinator whose check of transactional offsets is off: checks 8
 * and 9 of `TxnSendOffsets` always pass, and every partition of the group's
 * topics counts as the member's for check 10.
 */
export const coordinatorTxnOffsetsUncheckedLayer = Layer.effect(
  GroupCoordinator,
  Effect.gen(function*() {
    const { config } = yield* BrokerConfig
    const coordinator = yield* makeGroupCoordinator
    const partitionsOf = (group: string) => {
      const topics = new Set(config.groups.find((g) => g.name === group)?.topics ?? [])
      return config.topics
        .filter((topic) => topics.has(topic.name))
        .flatMap((topic) => Array.from({ length: topic.partitions }, (_, partition) => ({ topic: topic.name, partition })))
    }
    return {
      ...coordinator,
      validateTxnOffsets: () => undefined,
      assignmentOf: (group: string) => partitionsOf(group)
    }
  })
)

/** The built-in broker with {@link coordinatorTxnOffsetsUncheckedLayer}: zombie consumers send offsets. */
export const offsetsIgnoreGeneration: Target = makeBrokerTarget("mutant:offsets-ignore-generation", {
  groupCoordinator: coordinatorTxnOffsetsUncheckedLayer
})
