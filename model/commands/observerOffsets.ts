/**
 * `ObserverOffsets`: a group's committed offsets, as an operator's
 * `kafka-consumer-groups.sh --describe` lists them. Changes nothing.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import type { PartitionOffset } from "../../spec/record.ts"
import { compareNames } from "../assignor.ts"
import { committedAt } from "../offsets.ts"
import type { ModelState, Transition } from "../state.ts"

/** Runs `ObserverOffsets`: `UnknownGroup`; answers `OffsetsFetched`, sorted by topic name, then partition. */
export const observerOffsets = (state: ModelState, command: CommandOf<"ObserverOffsets">): Transition => {
  const groupIndex = state.world.groupIndex.get(command.group)
  if (groupIndex === undefined) return { state, response: { _tag: "UnknownGroup", group: command.group } }
  const committed = state.groups[groupIndex].committed
  const topics = state.world.config.topics.map((topic, index) => ({ topic, index })).sort((a, b) => compareNames(a.topic.name, b.topic.name))
  const offsets: Array<PartitionOffset> = []
  for (const { index, topic } of topics) {
    for (let partition = 0; partition < topic.partitions; partition++) {
      const offset = committedAt(committed, index, partition)
      if (offset >= 0) offsets.push({ topic: topic.name, partition, offset })
    }
  }
  return { state, response: { _tag: "OffsetsFetched", group: command.group, offsets } }
}
