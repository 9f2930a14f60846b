/**
 * Processing failures: poison records, a group's downstream dependency, the
 * causes of a failed attempt and the header a dead-letter record carries.
 * See `FailureConfig` in spec/config.ts for the policies and the breaker,
 * `ConsumerProcess` in spec/command/consumer.ts for an attempt, and
 * spec/command/failure.ts for the downstream faults and the redrive.
 *
 * Which part is the broker and which the application: the broker stores and
 * delivers records as always; failing, retrying, backing off, breaking the
 * circuit and publishing to the dead-letter topic are the group's
 * application (a run decides its policy, the target executes it, as it
 * executes the delivery modes' protocols).
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Count, Name } from "./config.ts"

/**
 * Why an attempt at processing a record failed (or, `breaker-open`, was not
 * made):
 * - `poison`: the record is poison (see {@link isPoison}): its processing
 *   fails every time, before any downstream call (a payload the consumer
 *   cannot parse).
 * - `downstream`: the group's downstream was down when the attempt called it.
 * - `breaker-open`: the breaker was open and its `whileOpen` is
 *   `dead-letter` (the record was dead-lettered without an attempt).
 */
export const FailureCause = Schema.Literals(["poison", "downstream", "breaker-open"])
/** @see {@link FailureCause} */
export type FailureCause = typeof FailureCause.Type

/** The prefix that marks a value as poison: `poison-`. */
export const poisonPrefix = "poison-"

/**
 * Whether a record is poison: its value starts with {@link poisonPrefix}. A
 * group with a `failure` config fails every attempt at it (cause `poison`);
 * a group without one processes it like any record. The generator marks
 * some payloads so (`poison-v7`) when a group of the config has a `failure`
 * config.
 */
export const isPoison = (value: string): boolean => value.startsWith(poisonPrefix)

/**
 * The header of a dead-letter record (Kafka Connect's `__connect.errors.*`
 * headers, Spring Kafka's `kafka_dlt-*`): the group that dead-lettered it,
 * where the original record sits, why its last attempt failed and how many
 * attempts were made (0 when an open breaker dead-lettered it before any).
 */
export const DeadLetterHeader = Schema.Struct({
  group: Name,
  topic: Name,
  partition: Count,
  offset: Count,
  cause: FailureCause,
  attempts: Count
})
/** @see {@link DeadLetterHeader} */
export type DeadLetterHeader = typeof DeadLetterHeader.Type

/**
 * The producer a group's application publishes dead-letter records and
 * redriven records with: `dead-letter:<group>` (a plain producer: not
 * idempotent, not transactional; a config may not name a producer so).
 */
export const deadLetterProducerName = (group: string): string => `dead-letter:${group}`
