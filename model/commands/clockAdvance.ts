/**
 * `ClockAdvance`: logical time moves on, sessions that were not heard from
 * for `sessionTimeoutMs` expire, and transactions open for
 * `transactionTimeoutMs` are aborted, and exhausted queue messages whose
 * visibility ended move to their dead-letter queue, and retention deletes
 * the expired heads of topics with `retentionMs`. Clients of expired
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
import { retainByTime } from "../retention/timeRetention.ts"
import { withQueues } from "../state.ts"
import { abortTimedOut } from "../transaction/timeout.ts"

/**
 * Runs `ClockAdvance`: `nowMs += ms`; then group by group in configuration
 * order every broker member with `lastSeenMs + sessionTimeoutMs <= nowMs` is
 * removed (listed in join order), and a group that lost members rebalances
 * once; then timed-out transactions are aborted (see `abortTimedOut`); then
 * queue by queue in configuration order, each in queue order, every message
 * whose visibility ended and whose receive count reached `receiveCountMax`
 * moves to its dead-letter queue (see `moveExhausted`); then topic by topic
 * in configuration order, each partition in order, a topic with
 * `retentionMs` deletes its expired head (see `retainByTime`). Answers
 * `ClockAdvanced` (with `transactionsAborted` only when some were,
 * `deadLettered` only when some message moved, and `logStarts` only when
 * some log start moved).
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
  let next = timedOut.state
  let answer = response
  if (world.queuesWithPolicy.length > 0) {
    const moves = moveExhausted(world, next.queues, nowMs)
    if (moves.moved.length > 0) {
      next = withQueues(next, moves.queues)
      answer = { ...answer, deadLettered: moves.moved }
    }
  }
  const retained = retainByTime(next)
  if (retained.moved.length === 0) return { state: next, response: answer }
  return { state: { ...next, topics: retained.topics }, response: { ...answer, logStarts: retained.moved } }
}
