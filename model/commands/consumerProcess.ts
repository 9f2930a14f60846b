/**
 * `ConsumerProcess`: a member applies one delivered record's effect to its
 * group's sink. Processing is local: a zombie (a running client whose session
 * expired) can still process what it holds. Its writes come in the spec's
 * order: the group's external effect in its effect store (when it has one),
 * then, in an `exactly-once` group, the transactional send of the record's
 * result by the member's producer `<group>/<member>` to the group's output
 * topic; then the record leaves the buffer for the sink. With `crashMidway`
 * the process dies right after the first write, as `ConsumerCrash` kills it.
 * In a group with a `failure` config, the attempt comes first (step 3a, see
 * `model/failure/processAttempt.ts`): it may be refused, fail or dead-letter
 * the record, and only a successful one goes on to the writes.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { memberProducerName } from "../../spec/config.ts"
import type { EffectOutcome } from "../../spec/effect.ts"
import type { LogRecord, PartitionOffset } from "../../spec/record.ts"
import type { Response } from "../../spec/response.ts"
import { bufferAt, bufferIndexOf, clientTake, clientsPut } from "../client.ts"
import type { EffectWrites } from "../effect/effectWrites.ts"
import { effectWrites } from "../effect/effectWrites.ts"
import { attemptsWithout } from "../failure/attempts.ts"
import { attemptProcess, isProceed } from "../failure/processAttempt.ts"
import * as Seq from "../internal/seq.ts"
import type { Session } from "../internal/session.ts"
import { isResponse, openSession } from "../internal/session.ts"
import { isRefused, sendRecord, sendRefusal } from "../producer/send.ts"
import type { ModelState, Transition } from "../state.ts"
import { withEffectStore, withGroup } from "../state.ts"
import { crashMember } from "./consumerCrash.ts"

/** The result send of an `exactly-once` group: the state after it and where it went, or the refusal. */
const sendResult = (
  state: ModelState,
  command: CommandOf<"ConsumerProcess">,
  outputTopicIndex: number,
  record: LogRecord
): { readonly state: ModelState; readonly output: PartitionOffset } | { readonly state: ModelState; readonly response: Response } => {
  const { group, member, topic, partition, offset } = command
  const produced = sendRecord(state, memberProducerName(group, member), outputTopicIndex, record.key, `${topic}/${partition}@${offset}`, false)
  if (isRefused(produced)) return produced
  return { state: produced.state, output: { topic: state.world.config.topics[outputTopicIndex].name, partition: produced.partition, offset: produced.offset } }
}

/** The effect writes of processing `record` in the group at `groupIndex`, or `undefined` for a group without an effect. */
const writesOf = (state: ModelState, groupIndex: number, record: LogRecord): EffectWrites | undefined => {
  const effect = state.world.config.groups[groupIndex].effect
  if (effect === undefined) return undefined
  const log = state.topics[state.world.topicIndex.get(record.topic)!].partitions[record.partition]
  return effectWrites(state.effects[groupIndex]!, effect, record, state.nowMs, log)
}

/**
 * `crashMidway`: the first write of the processing happens (the first effect
 * write, else the result send, else none), then the member crashes. Answers
 * `ProcessCrashed` with what that write did.
 */
const processCrashed = (
  state: ModelState,
  command: CommandOf<"ConsumerProcess">,
  session: Session,
  record: LogRecord,
  writes: EffectWrites | undefined
): Transition => {
  const { group, member, topic, partition, offset } = command
  const outputTopicIndex = state.world.outputTopicIndex[session.groupIndex]
  let next = state
  let output: PartitionOffset | undefined
  let effect: EffectOutcome | undefined
  if (writes !== undefined && writes.stores.length > 0) {
    next = withEffectStore(state, session.groupIndex, writes.stores[0])
    effect = writes.outcomeAfterFirst
  } else {
    effect = writes?.outcome
    if (outputTopicIndex >= 0) {
      const sent = sendResult(state, command, outputTopicIndex, record)
      if ("response" in sent) return sent
      next = sent.state
      output = sent.output
    }
  }
  next = crashMember(next, session, group, member)
  const base = { _tag: "ProcessCrashed", group, member, topic, partition, offset } as const
  return {
    state: next,
    response:
      output === undefined
        ? effect === undefined ? base : { ...base, effect }
        : effect === undefined ? { ...base, output } : { ...base, output, effect }
  }
}

/**
 * Runs `ConsumerProcess`: `UnknownGroup`; `UnknownMember` unless running;
 * `NotDelivered` unless the record is buffered; in a group with a `failure`
 * config the attempt (step 3a: `BackoffPending`, `BreakerOpen`,
 * `ProcessFailed`, `ProcessDeadLettered`, or on with the breaker closed); in an `exactly-once` group
 * the producer checks of the result send (`ProducerNotInitialized`,
 * `ProducerFenced`, `TransactionNotOpen`) before anything is written, a
 * refusal leaving the record buffered. Then the writes: the group's effect
 * (see `model/effect/effectWrites.ts`), the result (key = the record's key,
 * value = `<topic>/<partition>@<offset>`) sent by `<group>/<member>` to the
 * output topic; then the first matching buffer entry moves to the group's
 * sink (and the client forgets its failed attempts at the place). Answers `Processed` (with `output` in an `exactly-once` group,
 * `effect` in a group with an effect). With `crashMidway`, see
 * {@link processCrashed}.
 */
export const consumerProcess = (state: ModelState, command: CommandOf<"ConsumerProcess">): Transition => {
  const { group: name, member, topic, partition, offset } = command
  const session = openSession(state, name, member, false)
  if (isResponse(session)) return { state, response: session }
  const { client } = session
  const index = bufferIndexOf(client, topic, partition, offset)
  if (index < 0) return { state, response: { _tag: "NotDelivered", group: name, member, topic, partition, offset } }
  const record = bufferAt(client, index)
  let start = state
  const failure = state.world.config.groups[session.groupIndex].failure
  if (failure !== undefined) {
    const attempted = attemptProcess(state, command, session, index, record, failure)
    if (!isProceed(attempted)) return attempted
    start = attempted.proceed
  }
  const outputTopicIndex = start.world.outputTopicIndex[session.groupIndex]
  const writes = writesOf(start, session.groupIndex, record)
  if (writes !== undefined && outputTopicIndex >= 0) {
    // the send's checks come before the effect is written
    const refused = sendRefusal(start, memberProducerName(name, member))
    if (refused !== undefined) return refused
  }
  if (command.crashMidway === true) return processCrashed(start, command, session, record, writes)
  let next = writes === undefined || writes.stores.length === 0 ? start : withEffectStore(start, session.groupIndex, writes.stores[writes.stores.length - 1])
  let output: PartitionOffset | undefined
  if (outputTopicIndex >= 0) {
    const sent = sendResult(next, command, outputTopicIndex, record)
    if ("response" in sent) return sent
    next = sent.state
    output = sent.output
  }
  const effect = writes?.outcome
  const group = next.groups[session.groupIndex]
  const base = { _tag: "Processed", group: name, member, topic, partition, offset } as const
  return {
    state: withGroup(next, session.groupIndex, {
      membership: group.membership,
      committed: group.committed,
      clients: clientsPut(group.clients, session.clientIndex, clientTake(client, index, attemptsWithout(client.attempts, topic, partition, offset))),
      sink: Seq.append(group.sink, record)
    }),
    response:
      output === undefined
        ? effect === undefined ? base : { ...base, effect }
        : effect === undefined ? { ...base, output } : { ...base, output, effect }
  }
}
