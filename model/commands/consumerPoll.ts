/**
 * `ConsumerPoll`: a member fetches up to `recordsMax` records from its
 * assigned partitions, in assignment order, into its buffer, with its
 * group's isolation: `read_committed` stops at the last stable offset, skips
 * aborted records and waits on unstable offsets (KIP-447); markers are never
 * delivered. A start that retention deleted is reset by the group's
 * `autoOffsetReset`.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { autoOffsetResetOf } from "../../spec/config.ts"
import type { LogRecord } from "../../spec/record.ts"
import type { OffsetReset } from "../../spec/response.ts"
import { clientDeliver, clientsPut, positionAt } from "../client.ts"
import { heardFrom, syncIfStale, withMembership } from "../internal/broker.ts"
import { isResponse, openSession } from "../internal/session.ts"
import { fetchWalk } from "../isolation.ts"
import { highWatermark, recordAt } from "../log.ts"
import { committedAt } from "../offsets.ts"
import { logStartOf } from "../retention/logStart.ts"
import { resetTarget } from "../retention/offsetReset.ts"
import type { ModelState, Transition } from "../state.ts"
import { withGroup } from "../state.ts"
import { hasUnstableOffset } from "../transaction/coordinator.ts"

/**
 * Runs `ConsumerPoll`: the checks of `ConsumerHeartbeat` (a stale client
 * syncs and gets `RebalanceInProgress`), then for each assigned partition in
 * order it starts at the client's position, else the group's committed
 * offset, else the partition's log start (a `read_committed` member without
 * a position takes nothing where an open transaction holds offsets for its
 * group, and gets no position); a start below the log start is reset by the
 * group's `autoOffsetReset` (see `resetTarget`) and listed in `resets`, or,
 * for `none`, the poll answers `OffsetOutOfRange` for the first such
 * partition and changes nothing but the member's `lastSeenMs` (the heartbeat
 * checks before the fetch count, as for `RebalanceInProgress`). Then it
 * walks up to the high watermark or (`read_committed`) the last stable offset
 * (see `fetchWalk`; a topic of plain records only is read exactly as before
 * transactions existed), and sets the position where the walk stopped.
 * Answers `Polled` (with `resets` only when some start was reset).
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
  let resets: Array<OffsetReset> | undefined
  let remaining = command.recordsMax
  for (let i = 0; i < assigned.length; i++) {
    const partition = assigned[i].partition
    const topicIndex = topicIndices[i]
    const topic = state.topics[topicIndex]
    let position = positionAt(client, i)
    if (position < 0) {
      if (checkUnstable && hasUnstableOffset(state.coordinator, session.groupIndex, topicIndex, partition)) {
        positions.push(-1)
        continue
      }
      const committed = committedAt(group.committed, topicIndex, partition)
      position = committed < 0 ? logStartOf(topic, partition) : committed
    }
    if (topic.logStarts !== undefined && position < topic.logStarts[partition]) {
      const logStartOffset = topic.logStarts[partition]
      const highWatermarkNow = highWatermark(topic.partitions[partition])
      const to = resetTarget(autoOffsetResetOf(state.world.config.groups[session.groupIndex]), logStartOffset, highWatermarkNow)
      if (to < 0) {
        return {
          state: withMembership(state, session, membership),
          response: { _tag: "OffsetOutOfRange", topic: assigned[i].topic, partition, offset: position, highWatermark: highWatermarkNow, logStartOffset }
        }
      }
      if (resets === undefined) resets = []
      resets.push({ topic: assigned[i].topic, partition, from: position, to })
      position = to
    }
    if (topic.indexes === undefined) {
      const log = topic.partitions[partition]
      const available = highWatermark(log) - position
      const taken = remaining < available ? remaining : available
      for (let j = 0; j < taken; j++) records.push(recordAt(log, position + j))
      if (taken > 0) remaining -= taken
      positions.push(taken > 0 ? position + taken : position)
      continue
    }
    const fetched = fetchWalk(topic, partition, position, remaining, readCommitted, records)
    remaining = fetched.remaining
    positions.push(fetched.position)
  }
  return {
    state: withGroup(state, session.groupIndex, {
      membership,
      committed: group.committed,
      clients: clientsPut(group.clients, session.clientIndex, clientDeliver(client, positions, records)),
      sink: group.sink
    }),
    response: resets === undefined
      ? { _tag: "Polled", group: command.group, member: command.member, records }
      : { _tag: "Polled", group: command.group, member: command.member, records, resets }
  }
}
