/**
 * `ConsumerProcess`: a member applies one delivered record's effect to its
 * group's sink. Processing is local: a zombie (a running client whose session
 * expired) can still process what it holds.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { bufferAt, bufferIndexOf, clientTake, clientsPut } from "../client.ts"
import * as Seq from "../internal/seq.ts"
import { isResponse, openSession } from "../internal/session.ts"
import type { ModelState, Transition } from "../state.ts"
import { withGroup } from "../state.ts"

/**
 * Runs `ConsumerProcess`: `UnknownGroup`; `UnknownMember` unless running;
 * `NotDelivered` unless the record is buffered; else the first matching
 * buffer entry moves to the group's sink. Answers `Processed`.
 */
export const consumerProcess = (state: ModelState, command: CommandOf<"ConsumerProcess">): Transition => {
  const { group: name, member, topic, partition, offset } = command
  const session = openSession(state, name, member, false)
  if (isResponse(session)) return { state, response: session }
  const { client, group } = session
  const index = bufferIndexOf(client, topic, partition, offset)
  if (index < 0) return { state, response: { _tag: "NotDelivered", group: name, member, topic, partition, offset } }
  return {
    state: withGroup(state, session.groupIndex, {
      membership: group.membership,
      committed: group.committed,
      clients: clientsPut(group.clients, session.clientIndex, clientTake(client, index)),
      sink: Seq.append(group.sink, bufferAt(client, index))
    }),
    response: { _tag: "Processed", group: name, member, topic, partition, offset }
  }
}
