/**
 * `ConsumerPoll`: a member fetches up to `recordsMax` records from its
 * assigned partitions, in assignment order, into its buffer, with its
 * group's isolation: `read_committed` stops at the last stable offset, skips
 * aborted records and waits on unstable offsets (KIP-447); markers are never
 * delivered.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import type { LogRecord } from "../../spec/record.ts"
import { clientDeliver, clientsPut, positionAt } from "../client.ts"
import { heardFrom, syncIfStale } from "../internal/broker.ts"
import { isResponse, openSession } from "../internal/session.ts"
import type { TopicLog } from "../log.ts"
import { entryAt, highWatermark, isAborted, isPlain, lastStableOffset, recordAt } from "../log.ts"
import { committedAt } from "../offsets.ts"
import type { ModelState, Transition } from "../state.ts"
import { withGroup } from "../state.ts"
import { hasUnstableOffset } from "../transaction/coordinator.ts"

/**
 * The walk over one partition of a topic with indexes, from `start` below
 * `bound`: markers are stepped over, and (with `readCommitted`) so are
 * aborted records; other records go to `records`. Returns where it stopped
 * and how much of `remaining` is left.
 */
const walk = (
  topic: TopicLog,
  partition: number,
  start: number,
  bound: number,
  remaining: number,
  readCommitted: boolean,
  records: Array<LogRecord>
): { readonly position: number; readonly remaining: number } => {
  const log = topic.partitions[partition]
  const index = topic.indexes![partition]
  let position = start
  let left = remaining
  while (left > 0 && position < bound) {
    const entry = entryAt(log, position)
    if (isPlain(entry)) {
      records.push(entry)
      left--
    } else if (entry._tag === "Data" && !(readCommitted && entry.transactional && isAborted(index, entry.producerId, position))) {
      records.push(entry.record)
      left--
    }
    position++
  }
  return { position, remaining: left }
}

/**
 * Runs `ConsumerPoll`: the checks of `ConsumerHeartbeat` (a stale client
 * syncs and gets `RebalanceInProgress`), then for each assigned partition in
 * order it starts at the client's position, else the group's committed
 * offset, else 0 (a `read_committed` member without a position takes nothing
 * where an open transaction holds offsets for its group, and gets no
 * position), walks up to the high watermark or (`read_committed`) the last
 * stable offset, and sets the position where the walk stopped. Answers
 * `Polled`.
 */
export const consumerPoll = (state: ModelState, command: CommandOf<"ConsumerPoll">): Transition => {
  const session = openSession(state, command.group, command.member, true)
  if (isResponse(session)) return { state, response: session }
  const membership = heardFrom(state, session)
  const synced = syncIfStale(state, session, membership, command.group, command.member)
  if (synced !== undefined) return synced
  const { client, group } = session
  const readCommitted = state.world.readCommitted[session.groupIndex]
  const checkUnstable = readCommitted && state.coordinator.transactions.size > 0
  const assigned = client.assignment.partitions
  const topicIndices = client.assignment.topicIndices
  const records: Array<LogRecord> = []
  const positions: Array<number> = []
  let remaining = command.recordsMax
  for (let i = 0; i < assigned.length; i++) {
    const partition = assigned[i].partition
    const topicIndex = topicIndices[i]
    let position = positionAt(client, i)
    if (position < 0) {
      if (checkUnstable && hasUnstableOffset(state.coordinator, session.groupIndex, topicIndex, partition)) {
        positions.push(-1)
        continue
      }
      const committed = committedAt(group.committed, topicIndex, partition)
      position = committed < 0 ? 0 : committed
    }
    const topic = state.topics[topicIndex]
    if (topic.indexes === undefined) {
      const log = topic.partitions[partition]
      const available = highWatermark(log) - position
      const taken = remaining < available ? remaining : available
      for (let j = 0; j < taken; j++) records.push(recordAt(log, position + j))
      if (taken > 0) remaining -= taken
      positions.push(taken > 0 ? position + taken : position)
      continue
    }
    const bound = readCommitted ? lastStableOffset(topic, partition) : highWatermark(topic.partitions[partition])
    const walked = walk(topic, partition, position, bound, remaining, readCommitted, records)
    remaining = walked.remaining
    positions.push(walked.position)
  }
  return {
    state: withGroup(state, session.groupIndex, {
      membership,
      committed: group.committed,
      clients: clientsPut(group.clients, session.clientIndex, clientDeliver(client, positions, records)),
      sink: group.sink
    }),
    response: { _tag: "Polled", group: command.group, member: command.member, records }
  }
}
