/**
 * The dead-letter publish (spec/command/consumer.ts, `ConsumerProcess` step
 * 3a): the group's application gives up on a record and the producer
 * `dead-letter:<group>` appends it to the group's `deadLetterTopic` exactly
 * as a plain `ProducerSend` with the record's key and value appends (keyed
 * partitioning or the producer's round-robin counter, never with a lost
 * acknowledgement), with the header `{ group, topic, partition, offset,
 * cause, attempts }`; the dead-lettering joins the group's ledger (for
 * `DeadLetterRedrive`).
 *
 * @module
 */
import type { FailureCause } from "../../spec/failure.ts"
import { deadLetterProducerName } from "../../spec/failure.ts"
import type { LogRecord, PartitionOffset } from "../../spec/record.ts"
import { isRefused, sendRecord } from "../producer/send.ts"
import type { ModelState } from "../state.ts"
import type { DeadLetterLedger } from "./redrive.ts"
import { ledgerAppend } from "./redrive.ts"

/** A dead-letter publish done: the state after the append, where the dead-letter record went, and the ledger with it. */
export interface DeadLetterPublished {
  readonly state: ModelState
  readonly deadLetter: PartitionOffset
  readonly ledger: DeadLetterLedger
}

/**
 * Publishes `record` to the dead-letter topic `deadLetterTopic` of `group`
 * (cause and attempts as the header says) and adds the dead-lettering to
 * `ledger`. The send cannot be refused: `dead-letter:<group>` is a plain
 * producer (a config may not name a producer so).
 */
export const publishDeadLetter = (
  state: ModelState,
  group: string,
  deadLetterTopic: string,
  record: LogRecord,
  cause: FailureCause,
  attempts: number,
  ledger: DeadLetterLedger
): DeadLetterPublished => {
  const topicIndex = state.world.topicIndex.get(deadLetterTopic)!
  const header = { group, topic: record.topic, partition: record.partition, offset: record.offset, cause, attempts }
  const produced = sendRecord(state, deadLetterProducerName(group), topicIndex, record.key, record.value, false, header)
  if (isRefused(produced)) throw new Error(`qsem model: the dead-letter producer of group ${group} was refused: ${produced.response._tag}`)
  const deadLetter = { topic: deadLetterTopic, partition: produced.partition, offset: produced.offset }
  return {
    state: produced.state,
    deadLetter,
    ledger: ledgerAppend(ledger, {
      sourceTopicIndex: state.world.topicIndex.get(record.topic)!,
      sourcePartition: record.partition,
      key: record.key,
      value: record.value,
      deadLetter
    })
  }
}
