/**
 * `ConsumerSeek`: a member moves its own position in one partition (replay or
 * skip). Seeking is local: it checks the client's own assignment.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { indexOfPartition } from "../assignor.ts"
import { clientSeek, clientsPut } from "../client.ts"
import { isResponse, openSession } from "../internal/session.ts"
import { highWatermark } from "../log.ts"
import type { ModelState, Transition } from "../state.ts"
import { withGroup } from "../state.ts"

/**
 * Runs `ConsumerSeek`: `UnknownGroup`; `UnknownMember` unless running;
 * `UnknownTopic`; `NotAssigned` unless the client's assignment holds the
 * partition; `OffsetOutOfRange` above the high watermark (a seek below the
 * log start is allowed: the next poll resets it); else the position
 * becomes `offset` and the buffer is kept. Answers `Seeked`.
 */
export const consumerSeek = (state: ModelState, command: CommandOf<"ConsumerSeek">): Transition => {
  const { group: name, member, topic, partition, offset } = command
  const session = openSession(state, name, member, false)
  if (isResponse(session)) return { state, response: session }
  const topicIndex = state.world.topicIndex.get(topic)
  if (topicIndex === undefined) return { state, response: { _tag: "UnknownTopic", topic } }
  const { client, group } = session
  const index = indexOfPartition(client.assignment, topic, partition)
  if (index < 0) return { state, response: { _tag: "NotAssigned", group: name, member, topic, partition } }
  const highWatermarkNow = highWatermark(state.topics[topicIndex].partitions[partition])
  if (offset > highWatermarkNow) {
    return { state, response: { _tag: "OffsetOutOfRange", topic, partition, offset, highWatermark: highWatermarkNow } }
  }
  return {
    state: withGroup(state, session.groupIndex, {
      membership: group.membership,
      committed: group.committed,
      clients: clientsPut(group.clients, session.clientIndex, clientSeek(client, index, offset)),
      sink: group.sink
    }),
    response: { _tag: "Seeked", group: name, member, topic, partition, offset }
  }
}
