/**
 * `GroupLeave`: a running member leaves its group gracefully; its client is
 * destroyed (unprocessed records are dropped, nothing is committed) and the
 * group rebalances.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { clientsRemove } from "../client.ts"
import { rebalance, removeAt } from "../group.ts"
import { isResponse, openSession } from "../internal/session.ts"
import type { ModelState, Transition } from "../state.ts"
import { withGroup } from "../state.ts"

/** Runs `GroupLeave`: `UnknownGroup`; `UnknownMember` unless a running broker member; answers `Left`. */
export const groupLeave = (state: ModelState, command: CommandOf<"GroupLeave">): Transition => {
  const session = openSession(state, command.group, command.member, true)
  if (isResponse(session)) return { state, response: session }
  const { group, groupIndex } = session
  const membership = rebalance(
    removeAt(group.membership, session.memberIndex),
    state.world.config.groups[groupIndex].assignor,
    state.world.subscriptions[groupIndex]
  )
  return {
    state: withGroup(state, groupIndex, {
      membership,
      committed: group.committed,
      clients: clientsRemove(group.clients, session.clientIndex),
      sink: group.sink
    }),
    response: { _tag: "Left", group: command.group, member: command.member, generation: membership.generation }
  }
}
