/**
 * `ConsumerHeartbeat`: a member tells the coordinator it is alive, and learns
 * of rebalances.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { heardFrom, syncIfStale, withMembership } from "../internal/broker.ts"
import { isResponse, openSession } from "../internal/session.ts"
import type { ModelState, Transition } from "../state.ts"

/**
 * Runs `ConsumerHeartbeat`: `UnknownGroup`; `UnknownMember` unless a running
 * broker member; `lastSeenMs = nowMs`; a stale client syncs and gets
 * `RebalanceInProgress`; else `HeartbeatOk`.
 */
export const consumerHeartbeat = (state: ModelState, command: CommandOf<"ConsumerHeartbeat">): Transition => {
  const session = openSession(state, command.group, command.member, true)
  if (isResponse(session)) return { state, response: session }
  const membership = heardFrom(state, session)
  const synced = syncIfStale(state, session, membership, command.group, command.member)
  if (synced !== undefined) return synced
  const client = session.client
  return {
    state: withMembership(state, session, membership),
    response: {
      _tag: "HeartbeatOk",
      group: command.group,
      member: command.member,
      generation: client.generation,
      assignment: client.assignment.partitions
    }
  }
}
