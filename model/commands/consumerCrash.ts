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
import { isResponse, openSession } from "../internal/session.ts"
import { clientsWith } from "../producer/client.ts"
import type { ModelState, Transition } from "../state.ts"
import { withGroup, withProducers } from "../state.ts"

/**
 * Runs `ConsumerCrash`: `UnknownGroup`; `UnknownMember` unless running; the
 * client is destroyed (and, in an `exactly-once` group, the member's producer
 * client, as by `ProducerCrash`). Answers `Crashed`.
 */
export const consumerCrash = (state: ModelState, command: CommandOf<"ConsumerCrash">): Transition => {
  const session = openSession(state, command.group, command.member, false)
  if (isResponse(session)) return { state, response: session }
  const group = session.group
  const next = withGroup(state, session.groupIndex, {
    membership: group.membership,
    committed: group.committed,
    clients: clientsRemove(group.clients, session.clientIndex),
    sink: group.sink
  })
  const exactlyOnce = state.world.outputTopicIndex[session.groupIndex] >= 0
  return {
    state: exactlyOnce
      ? withProducers(next, clientsWith(next.producers, memberProducerName(command.group, command.member), undefined), next.coordinator)
      : next,
    response: { _tag: "Crashed", group: command.group, member: command.member }
  }
}
