/**
 * `ClockAdvance`: logical time moves on, sessions that were not heard from
 * for `sessionTimeoutMs` expire, and transactions open for
 * `transactionTimeoutMs` are aborted, and exhausted queue messages whose
 * visibility ended move to their dead-letter queue. Clients of expired
 * members keep running as zombies until they rejoin.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import type { GroupGeneration, GroupMember } from "../../spec/record.ts"
import type { ResponseOf } from "../../spec/response.ts"
import type { Member } from "../group.ts"
import { isExpired, rebalance } from "../group.ts"
import type { GroupState, ModelState, Transition } from "../state.ts"
import { moveExhausted } from "../queue/deadLetter.ts"
import { withQueues } from "../state.ts"
import { abortTimedOut } from "../transaction/timeout.ts"

/**
 * Runs `ClockAdvance`: `nowMs += ms`; then group by group in configuration
 * order every broker member with `lastSeenMs + sessionTimeoutMs <= nowMs` is
 * removed (listed in join order), and a group that lost members rebalances
 * once; then timed-out transactions are aborted (see `abortTimedOut`); then
 * queue by queue in configuration order, each in queue order, every message
 * whose visibility ended and whose receive count reached `receiveCountMax`
 * moves to its dead-letter queue (see `moveExhausted`). Answers
 * `ClockAdvanced` (with `transactionsAborted` only when some were, and
 * `deadLettered` only when some message moved).
 */
export const clockAdvance = (state: ModelState, command: CommandOf<"ClockAdvance">): Transition => {
  const nowMs = state.nowMs + command.ms
  const world = state.world
  const timeoutMs = world.config.sessionTimeoutMs
  const expired: Array<GroupMember> = []
  const rebalanced: Array<GroupGeneration> = []
  let groups: Array<GroupState> | undefined
  for (let g = 0; g < state.groups.length; g++) {
    const group = state.groups[g]
    const members = group.membership.members
    let kept: Array<Member> | undefined
    for (let i = 0; i < members.length; i++) {
      const member = members[i]
      if (isExpired(member, timeoutMs, nowMs)) {
        if (kept === undefined) kept = members.slice(0, i)
        expired.push({ group: world.config.groups[g].name, member: member.name })
      } else if (kept !== undefined) kept.push(member)
    }
    if (kept === undefined) continue
    const membership = rebalance(
      { generation: group.membership.generation, members: kept },
      world.config.groups[g].assignor,
      world.subscriptions[g]
    )
    rebalanced.push({ group: world.config.groups[g].name, generation: membership.generation })
    if (groups === undefined) groups = state.groups.slice()
    groups[g] = { membership, committed: group.committed, clients: group.clients, sink: group.sink }
  }
  const advanced: ModelState = {
    world,
    nowMs,
    topics: state.topics,
    groups: groups ?? state.groups,
    producers: state.producers,
    coordinator: state.coordinator,
    effects: state.effects,
    services: state.services,
    queues: state.queues,
    failures: state.failures
  }
  const timedOut = abortTimedOut(advanced)
  const response: ResponseOf<"ClockAdvanced"> =
    timedOut.aborted.length === 0
      ? { _tag: "ClockAdvanced", nowMs, expired, rebalanced }
      : { _tag: "ClockAdvanced", nowMs, expired, rebalanced, transactionsAborted: timedOut.aborted }
  if (world.queuesWithPolicy.length === 0) return { state: timedOut.state, response }
  const moves = moveExhausted(world, timedOut.state.queues, nowMs)
  if (moves.moved.length === 0) return { state: timedOut.state, response }
  return { state: withQueues(timedOut.state, moves.queues), response: { ...response, deadLettered: moves.moved } }
}
