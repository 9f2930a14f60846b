/**
 * The names of the guarantees the kit checks, on their own so that both the
 * catalogue and a config (its `witnessesOptional` list) can name them.
 *
 * @module
 */
import * as Schema from "effect/Schema"

/** The names of the guarantees the kit checks. */
export const GuaranteeId = Schema.Literals([
  "NoLossUnderAtLeastOnce",
  "NoDuplicateUnderAtMostOnce",
  "AtMostOnceCanLose",
  "AtLeastOnceCanDuplicate",
  "PartitionOrderPreserved",
  "AssignmentIsExclusive",
  "DeliveriesFollowAssignment",
  "GroupsAreIndependent",
  "StaleCommitsAreFenced",
  "IdempotentSendsWriteOnce",
  "RetriesWithoutIdempotenceCanDuplicate",
  "AbortedRecordsAreNeverReadCommitted",
  "ReadCommittedStopsAtTheLastStableOffset",
  "ZombiesAreFenced",
  "TransactionsAreAtomic",
  "ExactlyOnceWithinTheBroker",
  "KeyOrderProcessed",
  "KeyOrderRegressesOnlyOnRedelivery",
  "ExactlyOnceStopsAtExternalEffects",
  "IdempotencyKeySkipsDuplicatesWithinTheWindow",
  "DedupWindowExpiryReapplies",
  "DedupKeyFirstCanLoseEffects",
  "DedupEffectFirstCanDuplicate",
  "ConditionalUpdatesApplyOnceInOrder",
  "OutboxNeverLosesACommittedEvent",
  "OutboxNeverPublishesAnUncommittedEvent",
  "DualWriteCanLoseOrInventEvents",
  "QueueNoLossUnderAtLeastOnce",
  "VisibilityTimeoutRedelivers",
  "PoisonMessagesEndInTheDeadLetterQueue",
  "FifoGroupOrderPreserved",
  "DeduplicationWindowSuppresses",
  "RedriveReturnsDeadLetters",
  "StaleReceiptsDoNotDelete",
  "OverflowIsKnownToTheProducer",
  "DropOverflowLosesSilently",
  "PoisonMessagesDoNotBlockThePartition",
  "PoisonBlocksWithoutAPolicy",
  "DeadLettersAreNeverLost",
  "BackoffSpacesRetries",
  "CircuitBreakerStopsRetryStorms",
  "RedrivenDeadLettersAreProcessed",
  "RetentionLossesAreDocumented"
])
/** @see {@link GuaranteeId} */
export type GuaranteeId = typeof GuaranteeId.Type
