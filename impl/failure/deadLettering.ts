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
import type { FailureConfig } from "../../spec/config.ts"
import type { FailureCause } from "../../spec/failure.ts"
import type { LogRecord } from "../../spec/record.ts"
import type { ResponseOf } from "../../spec/response.ts"
import type { Services } from "../services.ts"

/** The dead-lettering of a buffered record by a member of a group with a dead-letter topic; throws `UnknownTopic`, `UnknownMember` or `NotDelivered`. */
export const deadLetter = (
  s: Services,
  group: string,
  failure: FailureConfig,
  member: string,
  record: LogRecord,
  cause: FailureCause,
  attemptsMade: number
): ResponseOf<"ProcessDeadLettered"> => {
  const { offset, partition, topic } = record
  // validateConfig makes a retry-then-dead-letter policy name a configured topic.
  const deadLetterTopic = s.config.requireTopic(failure.deadLetterTopic ?? "")
  const header = { group, topic, partition, offset, cause, attempts: attemptsMade }
  const published = s.deadLetterPublisher.publish(deadLetterTopic, record, header)
  s.consumerClients.process(group, member, topic, partition, offset)
  s.processAttempts.forget(group, member, topic, partition, offset)
  s.deadLetterLedger.published(group, { deadLetter: published.deadLetter, topic, partition, key: record.key, value: record.value })
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
