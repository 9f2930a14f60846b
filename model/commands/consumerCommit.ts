/**
 * `ConsumerCommit`: a member stores offsets (each the next offset to read)
 * for its group. A commit from a stale generation is fenced.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { indexOfPartition } from "../assignor.ts"
import { heardFrom, withMembership } from "../internal/broker.ts"
import { isResponse, openSession } from "../internal/session.ts"
import { highWatermark } from "../log.ts"
import type { OffsetEntry } from "../offsets.ts"
import { commitAll } from "../offsets.ts"
import type { ModelState, Transition } from "../state.ts"
import { withGroup } from "../state.ts"

/**
 * Runs `ConsumerCommit`: `UnknownGroup`; `UnknownMember` unless a running
 * broker member; `lastSeenMs = nowMs` (kept even when a later check fails);
 * `StaleGeneration` for an old client; then per entry in order
 * `UnknownTopic`, `NotAssigned` (by the group's current assignment),
 * `OffsetOutOfRange` (above the high watermark); else every entry is stored
 * in order. Answers `Committed`.
 */
export const consumerCommit = (state: ModelState, command: CommandOf<"ConsumerCommit">): Transition => {
  const { group: name, member } = command
  const session = openSession(state, name, member, true)
  if (isResponse(session)) return { state, response: session }
  const membership = heardFrom(state, session)
  const generation = membership.generation
  if (session.client.generation < generation) {
    return {
      state: withMembership(state, session, membership),
      response: { _tag: "StaleGeneration", group: name, member, generation: session.client.generation, generationCurrent: generation }
    }
  }
  const owned = membership.members[session.memberIndex].assignment
  const entries: Array<OffsetEntry> = []
  for (const entry of command.offsets) {
    const topicIndex = state.world.topicIndex.get(entry.topic)
    if (topicIndex === undefined) {
      return { state: withMembership(state, session, membership), response: { _tag: "UnknownTopic", topic: entry.topic } }
    }
    if (indexOfPartition(owned, entry.topic, entry.partition) < 0) {
      return { state: withMembership(state, session, membership), response: { _tag: "NotAssigned", group: name, member, topic: entry.topic, partition: entry.partition } }
    }
    const log = state.topics[topicIndex].partitions[entry.partition]
    const highWatermarkNow = highWatermark(log)
    if (entry.offset > highWatermarkNow) {
      return {
        state: withMembership(state, session, membership),
        response: {
          _tag: "OffsetOutOfRange",
          topic: entry.topic,
          partition: entry.partition,
          offset: entry.offset,
          highWatermark: highWatermarkNow
        }
      }
    }
    entries.push({ topicIndex, partition: entry.partition, offset: entry.offset })
  }
  const group = session.group
  return {
    state: withGroup(state, session.groupIndex, {
      membership,
      committed: commitAll(group.committed, entries),
      clients: group.clients,
      sink: group.sink
    }),
    response: {
      _tag: "Committed",
      group: name,
      member,
      generation,
      offsets: command.offsets.map(({ offset, partition, topic }) => ({ topic, partition, offset }))
    }
  }
}
