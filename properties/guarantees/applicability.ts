/**
 * Whether runs of a config can exercise a guarantee at all, and if not, why:
 * the reason `qsem check` prints beside "n/a".
 *
 * @module
 */
import { type Config, type DeliveryMode, type Guarantee, type Isolation, isolationOf } from "../../spec/index.ts"
import { quoteInput } from "../../spec/internal/quoteInput.ts"
import type { GuaranteeCheck } from "./check.ts"
import { fifoQueuesOf, overflowQueuesOf, queuesOf, redrivenQueuesOf, sourceQueuesOfMode } from "./internal/queueConfigs.ts"

const byModes = (modes: ReadonlyArray<DeliveryMode>): string =>
  modes.length === 1 ? `an ${modes[0]} group` : "a consumer group"

/**
 * Why runs of `config` cannot exercise `guarantee`, or `undefined` when they
 * can: the checker's own `notApplicableReason` when it has one, else whether
 * the config has a group of a mode the guarantee holds under that subscribes
 * to at least one topic.
 *
 * @example
 * ```ts
 * notApplicableReasonOf(guaranteeById("NoDuplicateUnderAtMostOnce"), check, onlyAtLeastOnce)
 * // "needs an at-most-once group; the config has none"
 * ```
 */
export const notApplicableReasonOf = (guarantee: Guarantee, check: GuaranteeCheck, config: Config): string | undefined => {
  if (check.notApplicableReason !== undefined) return check.notApplicableReason(config)
  const ofMode = config.groups.filter((group) => guarantee.holdsUnder.includes(group.mode))
  if (ofMode.length === 0) return `needs ${byModes(guarantee.holdsUnder)}; the config has none`
  if (ofMode.some((group) => group.topics.length > 0)) return undefined
  // A group that subscribes to no topic is never delivered a record: it can break nothing and witness nothing.
  const names = ofMode.map((group) => quoteInput(group.name))
  return `needs ${byModes(guarantee.holdsUnder)} that reads a topic; ${
    names.length === 1 ? `${names[0]} reads none` : `${names.join(", ")} read none`
  }`
}

const configured = (config: Config) => config.producers ?? []

/** Whether the config has a transactional producer: a configured one with a transactional id, or an exactly-once group's members. */
const hasTransactional = (config: Config): boolean =>
  configured(config).some((producer) => producer.transactionalId !== undefined) || config.groups.some((group) => group.mode === "exactly-once")

const hasIsolation = (config: Config, isolation: Isolation): boolean =>
  config.groups.some((group) => group.topics.length > 0 && isolationOf(group) === isolation)

const noTransactional = "needs a transactional producer (a configured producer with a transactionalId, or an exactly-once group); the config has none"

/**
 * The `notApplicableReason`s of the transaction guarantees, by what they
 * need. Only configured producers lose acknowledgements (the producers a
 * config does not name are plain and never retry), so the retry guarantees
 * need a configured producer of their kind.
 */
export const needs = {
  /** IdempotentSendsWriteOnce: a configured idempotent producer, whose lost acknowledgements are retried. */
  idempotentProducer: (config: Config): string | undefined =>
    configured(config).some((producer) => producer.idempotent)
      ? undefined
      : "needs a configured idempotent producer (only configured producers lose acknowledgements and retry); the config has none",
  /** RetriesWithoutIdempotenceCanDuplicate: a configured producer that is not idempotent. */
  plainProducer: (config: Config): string | undefined =>
    configured(config).some((producer) => !producer.idempotent)
      ? undefined
      : "needs a configured producer that is not idempotent (only configured producers lose acknowledgements and retry); the config has none",
  /** ZombiesAreFenced, TransactionsAreAtomic: a transactional producer. */
  transactionalProducer: (config: Config): string | undefined => (hasTransactional(config) ? undefined : noTransactional),
  /** ReadCommittedStopsAtTheLastStableOffset: a transactional producer and a read_committed group that reads a topic. */
  readCommitted: (config: Config): string | undefined =>
    !hasTransactional(config)
      ? noTransactional
      : hasIsolation(config, "read_committed")
        ? undefined
        : "needs a read_committed group that reads a topic; the config has none",
  /**
   * AbortedRecordsAreNeverReadCommitted: a transactional producer, a
   * read_committed group (the claim) and a read_uncommitted group (the
   * witness: the aborted read happens where isolation allows it).
   */
  bothIsolations: (config: Config): string | undefined =>
    !hasTransactional(config)
      ? noTransactional
      : !hasIsolation(config, "read_committed")
        ? "needs a read_committed group that reads a topic; the config has none"
        : hasIsolation(config, "read_uncommitted")
          ? undefined
          : "needs a read_uncommitted group that reads a topic (to witness an aborted read); the config has none",
  /** VisibilityTimeoutRedelivers, StaleReceiptsDoNotDelete: a queue. */
  queue: (config: Config): string | undefined => (queuesOf(config).length > 0 ? undefined : "needs a queue; the config has none"),
  /**
   * QueueNoLossUnderAtLeastOnce: an at-least-once queue that is no queue's
   * dead-letter queue (the drain does not empty dead-letter queues, so the
   * claim leaves out what is sent to them).
   */
  atLeastOnceQueue: (config: Config): string | undefined =>
    sourceQueuesOfMode(config, "at-least-once").length > 0
      ? undefined
      : queuesOf(config).some((queue) => queue.mode === "at-least-once")
      ? "needs an at-least-once queue that is no queue's dead-letter queue; the config's at-least-once queues are all dead-letter queues"
      : "needs an at-least-once queue; the config has none",
  /** PoisonMessagesEndInTheDeadLetterQueue, RedriveReturnsDeadLetters: a queue with a redrive policy. */
  redrivePolicy: (config: Config): string | undefined =>
    redrivenQueuesOf(config).length > 0 ? undefined : "needs a queue with a redrive policy (receiveCountMax and deadLetterQueue); the config has none",
  /** FifoGroupOrderPreserved, DeduplicationWindowSuppresses: a FIFO queue. */
  fifoQueue: (config: Config): string | undefined => (fifoQueuesOf(config).length > 0 ? undefined : "needs a FIFO queue; the config has none"),
  /** OverflowIsKnownToTheProducer: a bounded queue that refuses a full send (overflow `block` or `reject`). */
  refusingQueue: (config: Config): string | undefined =>
    overflowQueuesOf(config, ["block", "reject"]).length > 0
      ? undefined
      : "needs a bounded queue whose overflow is block or reject; the config has none",
  /** DropOverflowLosesSilently: a bounded queue that drops on a full send (overflow `drop-oldest` or `drop-newest`). */
  droppingQueue: (config: Config): string | undefined =>
    overflowQueuesOf(config, ["drop-oldest", "drop-newest"]).length > 0
      ? undefined
      : "needs a bounded queue whose overflow is drop-oldest or drop-newest; the config has none"
}
