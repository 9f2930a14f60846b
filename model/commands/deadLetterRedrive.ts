/**
 * `DeadLetterRedrive`: a group's application moves the records it
 * dead-lettered and has not redriven yet back to their source partitions, in
 * the order it published them (the ledger of `model/failure/redrive.ts`),
 * each appended by `dead-letter:<group>` through the same append as a plain
 * `ProducerSend`, on the original's partition (not re-partitioned: the
 * producer's round-robin counters are not touched), as a plain record.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { deadLetterProducerName } from "../../spec/failure.ts"
import type { RedrivenRecord } from "../../spec/response.ts"
import { ledgerPending, ledgerRedriven } from "../failure/redrive.ts"
import { appendProduced } from "../producer/append.ts"
import type { ModelState, Transition } from "../state.ts"
import { withFailure } from "../state.ts"

/**
 * Runs `DeadLetterRedrive`: `UnknownGroup`; `NoDeadLetterTopic` unless the
 * group's failure policy is `retry-then-dead-letter`; then every
 * dead-lettering not redriven yet, in publish order, is appended at `nowMs`
 * to its source partition with the original's key and value. Answers
 * `DeadLettersRedriven`, one entry per record (possibly none).
 */
export const deadLetterRedrive = (state: ModelState, command: CommandOf<"DeadLetterRedrive">): Transition => {
  const group = command.group
  const groupIndex = state.world.groupIndex.get(group)
  if (groupIndex === undefined) return { state, response: { _tag: "UnknownGroup", group } }
  if (state.world.config.groups[groupIndex].failure?.policy !== "retry-then-dead-letter") {
    return { state, response: { _tag: "NoDeadLetterTopic", group } }
  }
  const failure = state.failures[groupIndex]!
  const pending = ledgerPending(failure.deadLetters)
  if (pending.length === 0) return { state, response: { _tag: "DeadLettersRedriven", group, records: [] } }
  const producer = deadLetterProducerName(group)
  const records: Array<RedrivenRecord> = []
  let next = state
  for (const entry of pending) {
    const topicIndex = entry.sourceTopicIndex
    const partition = entry.sourcePartition
    const appended = appendProduced(
      next,
      { producer, topicIndex, partition, key: entry.key, value: entry.value, producerId: -1, epoch: 0, sequence: -1, transactionalId: undefined },
      next.topics[topicIndex].counters
    )
    next = appended.state
    records.push({ deadLetter: entry.deadLetter, source: { topic: state.world.config.topics[topicIndex].name, partition, offset: appended.offset } })
  }
  next = withFailure(next, groupIndex, { downstreamUp: failure.downstreamUp, breaker: failure.breaker, deadLetters: ledgerRedriven(failure.deadLetters) })
  return { state: next, response: { _tag: "DeadLettersRedriven", group, records } }
}
