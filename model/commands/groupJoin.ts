/**
 * `GroupJoin`: a member joins its group (or rejoins after a crash or an
 * expiry); the group rebalances and the member gets a fresh client.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { clientFresh, clientsPut, indexOfClient } from "../client.ts"
import { admit, indexOfMember, rebalance } from "../group.ts"
import type { ModelState, Transition } from "../state.ts"
import { withGroup } from "../state.ts"

/**
 * Runs `GroupJoin`: `UnknownGroup`; `AlreadyMember` when it is a running
 * broker member; else it is admitted (keeping its place when listed), the
 * group rebalances and the member gets a fresh client. Answers `Joined`.
 */
export const groupJoin = (state: ModelState, command: CommandOf<"GroupJoin">): Transition => {
  const { group: name, member } = command
  const groupIndex = state.world.groupIndex.get(name)
  if (groupIndex === undefined) return { state, response: { _tag: "UnknownGroup", group: name } }
  const group = state.groups[groupIndex]
  const clientIndex = indexOfClient(group.clients, member)
  if (clientIndex >= 0 && indexOfMember(group.membership, member) >= 0) {
    return { state, response: { _tag: "AlreadyMember", group: name, member } }
  }
  const membership = rebalance(
    admit(group.membership, member, state.nowMs),
    state.world.config.groups[groupIndex].assignor,
    state.world.subscriptions[groupIndex]
  )
  const assignment = membership.members[indexOfMember(membership, member)].assignment
  const clients = clientsPut(group.clients, clientIndex, clientFresh(member, membership.generation, assignment))
  return {
    state: withGroup(state, groupIndex, { membership, committed: group.committed, clients, sink: group.sink }),
    response: { _tag: "Joined", group: name, member, generation: membership.generation, assignment: assignment.partitions }
  }
}
