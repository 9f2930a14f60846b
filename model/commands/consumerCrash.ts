/**
 * `ConsumerCrash`: a member's process dies. Its client (generation,
 * positions, buffer) is gone; the broker keeps it as a member until its
 * session expires or it rejoins, so its partitions stall until then. In an
 * `exactly-once` group its producer `<group>/<member>` dies with it.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { memberProducerName } from "../../spec/config.ts"
import { clientsRemove } from "../client.ts"
import type { Session } from "../internal/session.ts"
import { isResponse, openSession } from "../internal/session.ts"
import { clientsWith } from "../producer/producerClients.ts"
import type { ModelState, Transition } from "../state.ts"
import { withGroup, withProducers } from "../state.ts"

/**
 * What `ConsumerCrash` does to a running member (its `session`): the client
 * is destroyed and, in an `exactly-once` group, the member's producer client
 * too, as by `ProducerCrash`. Shared with `ConsumerProcess` with
 * `crashMidway`.
 */
export const crashMember = (state: ModelState, session: Session, group: string, member: string): ModelState => {
  const groupState = state.groups[session.groupIndex]
  const next = withGroup(state, session.groupIndex, {
    membership: groupState.membership,
    committed: groupState.committed,
    clients: clientsRemove(groupState.clients, session.clientIndex),
    sink: groupState.sink
  })
  const exactlyOnce = state.world.outputTopicIndex[session.groupIndex] >= 0
  return exactlyOnce ? withProducers(next, clientsWith(next.producers, memberProducerName(group, member), undefined), next.coordinator) : next
}

/**
 * Runs `ConsumerCrash`: `UnknownGroup`; `UnknownMember` unless running; then
 * {@link crashMember}. Answers `Crashed`.
 */
export const consumerCrash = (state: ModelState, command: CommandOf<"ConsumerCrash">): Transition => {
  const session = openSession(state, command.group, command.member, false)
  if (isResponse(session)) return { state, response: session }
  return {
    state: crashMember(state, session, command.group, command.member),
    response: { _tag: "Crashed", group: command.group, member: command.member }
  }
}
