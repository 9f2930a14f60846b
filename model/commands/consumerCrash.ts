/**
 * `ConsumerCrash`: a member's process dies. Its client (generation,
 * positions, buffer) is gone; the broker keeps it as a member until its
 * session expires or it rejoins, so its partitions stall until then.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { clientsRemove } from "../client.ts"
import { isResponse, openSession } from "../internal/session.ts"
import type { ModelState, Transition } from "../state.ts"
import { withGroup } from "../state.ts"

/** Runs `ConsumerCrash`: `UnknownGroup`; `UnknownMember` unless running; answers `Crashed`. */
export const consumerCrash = (state: ModelState, command: CommandOf<"ConsumerCrash">): Transition => {
  const session = openSession(state, command.group, command.member, false)
  if (isResponse(session)) return { state, response: session }
  const group = session.group
  return {
    state: withGroup(state, session.groupIndex, {
      membership: group.membership,
      committed: group.committed,
      clients: clientsRemove(group.clients, session.clientIndex),
      sink: group.sink
    }),
    response: { _tag: "Crashed", group: command.group, member: command.member }
  }
}
