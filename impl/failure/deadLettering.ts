/**
 * Dead-lettering a record a member gave up on (spec/command/consumer.ts step
 * 3a): the group's application publishes it to the group's dead-letter topic
 * with the header `{ group, topic, partition, offset, cause, attempts }`,
 * removes the first matching entry from the member's buffer (not to the
 * sink: its commits may pass it), forgets the place's attempts and
 * remembers the record for a redrive. Answer: `ProcessDeadLettered`.
 *
 * @module
 */
import { Effect } from "effect"
import type { FailureConfig } from "../../spec/config.ts"
import type { FailureCause } from "../../spec/failure.ts"
import type { LogRecord } from "../../spec/record.ts"
import type { ResponseOf } from "../../spec/response.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { ConsumerClients } from "../consumerClients.ts"
import { ProcessAttempts } from "./attempts.ts"
import { DeadLetterLedger } from "./deadLetterLedger.ts"
import { DeadLetterPublisher } from "./deadLetterPublisher.ts"

/** Builds the dead-lettering of a buffered record by a member of a group with a dead-letter topic. */
export const makeDeadLettering = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const clients = yield* ConsumerClients
  const attempts = yield* ProcessAttempts
  const publisher = yield* DeadLetterPublisher
  const ledger = yield* DeadLetterLedger
  /** The dead-lettering; throws `UnknownTopic`, `UnknownMember` or `NotDelivered`. */
  return (
    group: string,
    failure: FailureConfig,
    member: string,
    record: LogRecord,
    cause: FailureCause,
    attemptsMade: number
  ): ResponseOf<"ProcessDeadLettered"> => {
    const { offset, partition, topic } = record
    // validateConfig makes a retry-then-dead-letter policy name a configured topic.
    const deadLetterTopic = config.requireTopic(failure.deadLetterTopic ?? "")
    const header = { group, topic, partition, offset, cause, attempts: attemptsMade }
    const published = publisher.publish(deadLetterTopic, record, header)
    clients.process(group, member, topic, partition, offset)
    attempts.forget(group, member, topic, partition, offset)
    ledger.published(group, { deadLetter: published.deadLetter, topic, partition, key: record.key, value: record.value })
    return {
      _tag: "ProcessDeadLettered",
      group,
      member,
      topic,
      partition,
      offset,
      cause: published.header.cause,
      attempts: published.header.attempts,
      deadLetter: published.deadLetter
    }
  }
})
