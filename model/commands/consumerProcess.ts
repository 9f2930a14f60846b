/**
 * `ConsumerProcess`: a member applies one delivered record's effect to its
 * group's sink. Processing is local: a zombie (a running client whose session
 * expired) can still process what it holds. In an `exactly-once` group,
 * processing is a transactional send of the record's result by the member's
 * producer `<group>/<member>` to the group's output topic.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { memberProducerName } from "../../spec/config.ts"
import type { ResponseOf } from "../../spec/response.ts"
import { bufferAt, bufferIndexOf, clientTake, clientsPut } from "../client.ts"
import * as Seq from "../internal/seq.ts"
import { isResponse, openSession } from "../internal/session.ts"
import { isRefused, sendRecord } from "../producer/send.ts"
import type { ModelState, Transition } from "../state.ts"
import { withGroup } from "../state.ts"

/**
 * Runs `ConsumerProcess`: `UnknownGroup`; `UnknownMember` unless running;
 * `NotDelivered` unless the record is buffered; in an `exactly-once` group
 * the result (key = the record's key, value = `<topic>/<partition>@<offset>`)
 * is sent by `<group>/<member>` to the output topic, and a refused send
 * (`ProducerNotInitialized`, `ProducerFenced`, `TransactionNotOpen`) leaves
 * the record buffered; else the first matching buffer entry moves to the
 * group's sink. Answers `Processed` (with `output` in an `exactly-once` group).
 */
export const consumerProcess = (state: ModelState, command: CommandOf<"ConsumerProcess">): Transition => {
  const { group: name, member, topic, partition, offset } = command
  const session = openSession(state, name, member, false)
  if (isResponse(session)) return { state, response: session }
  const { client } = session
  const index = bufferIndexOf(client, topic, partition, offset)
  if (index < 0) return { state, response: { _tag: "NotDelivered", group: name, member, topic, partition, offset } }
  const record = bufferAt(client, index)
  const outputTopicIndex = state.world.outputTopicIndex[session.groupIndex]
  let next = state
  let response: ResponseOf<"Processed">
  if (outputTopicIndex >= 0) {
    const produced = sendRecord(state, memberProducerName(name, member), outputTopicIndex, record.key, `${topic}/${partition}@${offset}`, false)
    if (isRefused(produced)) return produced
    next = produced.state
    const output = { topic: state.world.config.topics[outputTopicIndex].name, partition: produced.partition, offset: produced.offset }
    response = { _tag: "Processed", group: name, member, topic, partition, offset, output }
  } else {
    response = { _tag: "Processed", group: name, member, topic, partition, offset }
  }
  const group = next.groups[session.groupIndex]
  return {
    state: withGroup(next, session.groupIndex, {
      membership: group.membership,
      committed: group.committed,
      clients: clientsPut(group.clients, session.clientIndex, clientTake(client, index)),
      sink: Seq.append(group.sink, record)
    }),
    response
  }
}
