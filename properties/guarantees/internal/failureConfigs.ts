/**
 * The groups and topics of a config as the failure and retention guarantees
 * see them: which groups have a failure policy, a dead-letter topic or a
 * breaker, and which topics have retention.
 *
 * @module
 */
import type { Config, DeliveryMode, FailurePolicy, GroupConfig, TopicConfig } from "../../../spec/index.ts"
import { hasRetention } from "./logStarts.ts"

/** The groups with a `failure` config whose policy is one of `policies`, and (when given) whose mode is one of `modes`, that read a topic. */
export const failureGroupsOf = (
  config: Config,
  policies: ReadonlyArray<FailurePolicy> = ["none", "retry-then-dead-letter"],
  modes?: ReadonlyArray<DeliveryMode>
): ReadonlyArray<GroupConfig> =>
  config.groups.filter((group) =>
    group.failure !== undefined && policies.includes(group.failure.policy) && (modes === undefined || modes.includes(group.mode)) &&
    group.topics.length > 0
  )

/** The groups with a circuit breaker that read a topic. */
export const breakerGroupsOf = (config: Config): ReadonlyArray<GroupConfig> =>
  failureGroupsOf(config).filter((group) => group.failure?.breaker !== undefined)

/** The topics with retention (by time or by size). */
export const retentionTopicsOf = (config: Config): ReadonlyArray<TopicConfig> => config.topics.filter(hasRetention)

/** The dead-letter topic of each group with a `retry-then-dead-letter` policy, per topic name. */
export const deadLetterTopicGroupsOf = (config: Config): ReadonlyMap<string, GroupConfig> =>
  new Map(
    config.groups.flatMap((group) =>
      group.failure?.policy === "retry-then-dead-letter" && group.failure.deadLetterTopic !== undefined ? [[group.failure.deadLetterTopic, group] as const] : []
    )
  )

/**
 * The `notApplicableReason`s of the failure and retention guarantees, by
 * what they need: a group of the right policy (and mode) that reads a topic,
 * or a topic with retention read by an at-least-once group.
 */
export const failureNeeds = {
  /** PoisonMessagesDoNotBlockThePartition, RedrivenDeadLettersAreProcessed: an at-least-once group with a retry-then-dead-letter policy. */
  atLeastOnceDeadLetter: (config: Config): string | undefined =>
    failureGroupsOf(config, ["retry-then-dead-letter"], ["at-least-once"]).length > 0
      ? undefined
      : "needs an at-least-once group with a retry-then-dead-letter failure policy that reads a topic; the config has none",
  /** PoisonBlocksWithoutAPolicy: an at-least-once group whose failure policy is none. */
  atLeastOnceNoPolicy: (config: Config): string | undefined =>
    failureGroupsOf(config, ["none"], ["at-least-once"]).length > 0
      ? undefined
      : "needs an at-least-once group whose failure policy is none that reads a topic; the config has none",
  /** DeadLettersAreNeverLost: a group with a retry-then-dead-letter policy. */
  deadLetter: (config: Config): string | undefined =>
    failureGroupsOf(config, ["retry-then-dead-letter"]).length > 0
      ? undefined
      : "needs a group with a retry-then-dead-letter failure policy that reads a topic; the config has none",
  /** BackoffSpacesRetries: a group with a retry-then-dead-letter policy (whose retries back off). */
  backoff: (config: Config): string | undefined =>
    failureGroupsOf(config, ["retry-then-dead-letter"]).length > 0
      ? undefined
      : "needs a group with a retry-then-dead-letter failure policy (whose retries back off) that reads a topic; the config has none",
  /** CircuitBreakerStopsRetryStorms: a group with a breaker. */
  breaker: (config: Config): string | undefined =>
    breakerGroupsOf(config).length > 0 ? undefined : "needs a group with a circuit breaker that reads a topic; the config has none",
  /** RetentionLossesAreDocumented: a topic with retention that an at-least-once group reads. */
  retention: (config: Config): string | undefined => {
    const topics = retentionTopicsOf(config)
    if (topics.length === 0) return "needs a topic with retention (retentionMs or retentionRecordsMax); the config has none"
    const read = config.groups.some((group) => group.mode === "at-least-once" && topics.some((topic) => group.topics.includes(topic.name)))
    return read ? undefined : "needs an at-least-once group that reads a topic with retention; the config has none"
  }
}
