/**
 * The fixed seeds, budgets and configs with which the suite hunts each
 * mutant, shared by the tests and by the script that writes
 * `traces/mutants/`.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"
import { configDefault } from "../../spec/config.ts"
import { exampleConfig } from "../exampleConfigs.ts"

/** Runs the suite may spend to catch one mutant on one guarantee. */
export const mutantRunsMax = 400

/** The seed of every mutant hunt, so failures and saved traces are reproducible. */
export const mutantSeed = 1_337

/** The config the mutants of at-most-once and at-least-once delivery are hunted on (the default config). */
export const mutantConfig: Config = configDefault

/** The shipped `examples/configs/exactly-once.json`, decoded and validated. */
export const configExactlyOnce: Config = exampleConfig("exactly-once")

/** The shipped `examples/configs/per-user-ordering.json`, decoded and validated. */
export const configPerUserOrdering: Config = exampleConfig("per-user-ordering")

/** The mutants of idempotence, transactions and exactly-once groups (issue 6): they are hunted on {@link configExactlyOnce}. */
export const exactlyOnceMutants: ReadonlySet<string> = new Set([
  "dedup-ignores-sequence",
  "duplicate-on-timeout",
  "read-committed-leaks-aborted",
  "ignore-last-stable-offset",
  "no-epoch-check",
  "offsets-ignore-generation",
  "offsets-commit-on-abort",
  "markers-take-no-offset",
  "timeout-never-fires",
  "ignore-unstable-offsets"
])

/** The mutants of per-key processing order (issue 7): they are hunted on {@link configPerUserOrdering}. */
export const keyOrderMutants: ReadonlySet<string> = new Set(["key-partition-drift", "refetch-from-committed"])

/** The shipped `examples/configs/double-charge.json` (the payments scenario: naive, idempotent, short-window and two-write consumers), decoded and validated. */
export const configDoubleCharge: Config = exampleConfig("double-charge")

/** The shipped `examples/configs/conditional-update.json` (versioned entities, a retrying plain producer), decoded and validated. */
export const configConditionalUpdate: Config = exampleConfig("conditional-update")

/** The shipped `examples/configs/outbox.json` (one service per publish mode), decoded and validated. */
export const configOutbox: Config = exampleConfig("outbox")

/** The shipped `examples/configs/external-effects.json` (exactly-once groups with an external effect), decoded and validated. */
export const configExternalEffects: Config = exampleConfig("external-effects")

/**
 * The mutants of external effects and services (issue 7 "where exactly-once
 * ends"), each with the shipped config where its guarantee's `always` check
 * can fail: the exactly-once group with a naive effect for a repeated effect,
 * the payments config for the dedup store's windows and keys, the versioned
 * entities for a compare-and-set, the three services for the outbox and the
 * dual writes.
 */
export const externalMutantConfigs: ReadonlyMap<string, Config> = new Map([
  ["effect-applied-twice", configExternalEffects],
  ["dedup-window-expires-early", configDoubleCharge],
  ["dedup-window-never-expires", configDoubleCharge],
  ["dedup-by-entity", configDoubleCharge],
  ["cas-ignores-version", configConditionalUpdate],
  ["relay-marks-before-send", configOutbox],
  ["outbox-row-outside-transaction", configOutbox],
  ["service-forgets-commit", configOutbox]
])

/** The shipped `examples/configs/queue-and-stream.json` (a topic and a group beside standard, at-most-once and FIFO queues with dead-letter queues), decoded and validated. */
export const configQueueAndStream: Config = exampleConfig("queue-and-stream")

/** The mutants of queues (issue 8): they are hunted on {@link configQueueAndStream}. */
export const queueMutants: ReadonlySet<string> = new Set([
  "receive-deletes",
  "dead-letter-drops",
  "visibility-expires-early",
  "crash-uncounted",
  "receive-limit-off-by-one",
  "fifo-group-parallel",
  "queue-dedup-never-expires",
  "queue-dedup-ignored",
  "redrive-keeps-count",
  "redrive-partial",
  "stale-receipt-deletes"
])

/** The shipped `examples/configs/dead-letter-triage.json` (queues that dead-letter soon, into dead-letter queues their consumers inspect), decoded and validated. */
export const configDeadLetterTriage: Config = exampleConfig("dead-letter-triage")

/** The mutants of a redrive after the dead-letter queue was triaged: they are hunted on {@link configDeadLetterTriage}, where consumers receive from dead-letter queues. */
export const triageMutants: ReadonlySet<string> = new Set(["redrive-skips-received"])

/** The shipped `examples/configs/bounded-queues.json` (one queue per overflow policy, and an unbounded one), decoded and validated. */
export const configBoundedQueues: Config = exampleConfig("bounded-queues")

/** The mutants of bounded queues (issue 9, flow control): they are hunted on {@link configBoundedQueues}. */
export const overflowMutants: ReadonlySet<string> = new Set(["bound-ignored", "reject-drops-oldest", "refuse-but-store", "bound-counts-in-flight", "drop-wrong-end"])

/** The shipped `examples/configs/poison-and-retries.json` (four groups with failure policies: a breaker, no breaker, dead-letter while open, none), decoded and validated. */
export const configPoisonAndRetries: Config = exampleConfig("poison-and-retries")

/** The mutants of processing failures (issue 9): they are hunted on {@link configPoisonAndRetries}. */
export const failureMutants: ReadonlySet<string> = new Set([
  "dead-letter-never",
  "poison-processed",
  "dead-letter-unpublished",
  "dead-letter-attempts-wrong",
  "backoff-ignored",
  "backoff-linear",
  "breaker-never-opens",
  "breaker-never-closes",
  "redrive-drops"
])

/** The shipped `examples/configs/retention.json` (a retained topic read by groups resetting earliest, latest and none), decoded and validated. */
export const configRetention: Config = exampleConfig("retention")

/** The mutants of retention (issue 9): they are hunted on {@link configRetention}. */
export const retentionMutants: ReadonlySet<string> = new Set(["retention-early", "reset-unreported"])

/**
 * The config mutant `name` (with or without `mutant:`) is hunted on: the
 * exactly-once config for the mutants of issue 6, the per-user-ordering
 * config for the key-order mutants, the config of {@link externalMutantConfigs}
 * for the mutants of external effects and services, the queue config for
 * the mutants of queues (the dead-letter-triage config for
 * {@link triageMutants}), the bounded-queues config for the overflow
 * mutants, the poison-and-retries config for the failure mutants, the
 * retention config for the retention mutants, the default config for the
 * others.
 */
export const mutantConfigOf = (name: string): Config => {
  const bare = name.replace(/^mutant:/, "")
  if (exactlyOnceMutants.has(bare)) return configExactlyOnce
  if (keyOrderMutants.has(bare)) return configPerUserOrdering
  if (triageMutants.has(bare)) return configDeadLetterTriage
  if (queueMutants.has(bare)) return configQueueAndStream
  if (overflowMutants.has(bare)) return configBoundedQueues
  if (failureMutants.has(bare)) return configPoisonAndRetries
  if (retentionMutants.has(bare)) return configRetention
  return externalMutantConfigs.get(bare) ?? mutantConfig
}
