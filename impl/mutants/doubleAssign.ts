/**
 * `mutant:double-assign`: the classic "two consumers own one partition" bug
 * (an assignor that deals a partition twice, e.g. a range computation whose
 * ranges overlap). In every generation with two or more members, the
 * assignor deals partition 0 of each subscribed topic twice: to its owner
 * and to the last member in sorted order who does not own it, so two members
 * poll it in the same generation. Breaks `AssignmentIsExclusive`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import type { TopicPartition } from "../../spec/record.ts"
import { type Assignment, Assignor, makeAssignor } from "../assignor.ts"
import { makeBrokerTarget } from "../builtin.ts"
import { compareName, holdsPartition, sortTopicPartitions } from "../internal/topicPartition.ts"
import type { Target } from "../target.ts"

/** Gives partition 0 of each topic also to the last member (sorted) who does not own it, when there are 2+ members. */
const addSecondOwner = (assignment: Assignment, topics: ReadonlyArray<string>): Assignment => {
  if (assignment.size < 2) return assignment
  const members = [...assignment.keys()].sort(compareName)
  const next = new Map<string, ReadonlyArray<TopicPartition>>(assignment)
  for (const topic of new Set(topics)) {
    const taker = [...members].reverse().find((member) => !holdsPartition(next.get(member) ?? [], topic, 0))
    if (taker === undefined) continue
    next.set(taker, sortTopicPartitions([...(next.get(taker) ?? []), { topic, partition: 0 }]))
  }
  return next
}

/**
 * An assignor that, after a rebalance leaving two or more members, also
 * gives partition 0 of every subscribed topic to the last member in sorted
 * order who does not already own it.
 */
export const assignorDoubleAssignLayer = Layer.effect(
  Assignor,
  Effect.gen(function*() {
    const assignor = yield* makeAssignor
    return {
      assign: (group, members) => addSecondOwner(assignor.assign(group, members), group.topics)
    }
  })
)

/** The built-in broker with {@link assignorDoubleAssignLayer}: partition 0 is dealt twice. */
export const doubleAssign: Target = makeBrokerTarget("mutant:double-assign", { assignor: assignorDoubleAssignLayer })
