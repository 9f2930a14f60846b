/**
 * The history checkers of the catalogue's guarantees, one per entry of
 * `spec/catalogue.ts`, in catalogue order.
 *
 * @example
 * ```ts
 * import { guaranteeChecks } from "./properties/guarantees/index.ts"
 *
 * for (const check of guaranteeChecks) {
 *   const violation = check.always(history, config)
 *   if (violation !== undefined) console.log(check.id, violation.step, violation.message)
 * }
 * ```
 *
 * @module
 */
import { catalogue, type GuaranteeId } from "../../spec/index.ts"
import { abortedRecordsAreNeverReadCommitted } from "./abortedRecordsAreNeverReadCommitted.ts"
import { assignmentIsExclusive } from "./assignmentIsExclusive.ts"
import { atLeastOnceCanDuplicate } from "./atLeastOnceCanDuplicate.ts"
import { atMostOnceCanLose } from "./atMostOnceCanLose.ts"
import { backoffSpacesRetries } from "./backoffSpacesRetries.ts"
import type { GuaranteeCheck } from "./check.ts"
import { circuitBreakerStopsRetryStorms } from "./circuitBreakerStopsRetryStorms.ts"
import { conditionalUpdatesApplyOnceInOrder } from "./conditionalUpdatesApplyOnceInOrder.ts"
import { deadLettersAreNeverLost } from "./deadLettersAreNeverLost.ts"
import { dedupEffectFirstCanDuplicate } from "./dedupEffectFirstCanDuplicate.ts"
import { dedupKeyFirstCanLoseEffects } from "./dedupKeyFirstCanLoseEffects.ts"
import { dedupWindowExpiryReapplies } from "./dedupWindowExpiryReapplies.ts"
import { deduplicationWindowSuppresses } from "./deduplicationWindowSuppresses.ts"
import { deliveriesFollowAssignment } from "./deliveriesFollowAssignment.ts"
import { dropOverflowLosesSilently } from "./dropOverflowLosesSilently.ts"
import { dualWriteCanLoseOrInventEvents } from "./dualWriteCanLoseOrInventEvents.ts"
import { exactlyOnceStopsAtExternalEffects } from "./exactlyOnceStopsAtExternalEffects.ts"
import { exactlyOnceWithinTheBroker } from "./exactlyOnceWithinTheBroker.ts"
import { fifoGroupOrderPreserved } from "./fifoGroupOrderPreserved.ts"
import { groupsAreIndependent } from "./groupsAreIndependent.ts"
import { idempotencyKeySkipsDuplicatesWithinTheWindow } from "./idempotencyKeySkipsDuplicatesWithinTheWindow.ts"
import { idempotentSendsWriteOnce } from "./idempotentSendsWriteOnce.ts"
import { keyOrderProcessed } from "./keyOrderProcessed.ts"
import { keyOrderRegressesOnlyOnRedelivery } from "./keyOrderRegressesOnlyOnRedelivery.ts"
import { noDuplicateUnderAtMostOnce } from "./noDuplicateUnderAtMostOnce.ts"
import { noLossUnderAtLeastOnce } from "./noLossUnderAtLeastOnce.ts"
import { outboxNeverLosesACommittedEvent } from "./outboxNeverLosesACommittedEvent.ts"
import { outboxNeverPublishesAnUncommittedEvent } from "./outboxNeverPublishesAnUncommittedEvent.ts"
import { overflowIsKnownToTheProducer } from "./overflowIsKnownToTheProducer.ts"
import { partitionOrderPreserved } from "./partitionOrderPreserved.ts"
import { poisonBlocksWithoutAPolicy } from "./poisonBlocksWithoutAPolicy.ts"
import { poisonMessagesDoNotBlockThePartition } from "./poisonMessagesDoNotBlockThePartition.ts"
import { poisonMessagesEndInTheDeadLetterQueue } from "./poisonMessagesEndInTheDeadLetterQueue.ts"
import { queueNoLossUnderAtLeastOnce } from "./queueNoLossUnderAtLeastOnce.ts"
import { readCommittedStopsAtTheLastStableOffset } from "./readCommittedStopsAtTheLastStableOffset.ts"
import { redriveReturnsDeadLetters } from "./redriveReturnsDeadLetters.ts"
import { redrivenDeadLettersAreProcessed } from "./redrivenDeadLettersAreProcessed.ts"
import { retentionLossesAreDocumented } from "./retentionLossesAreDocumented.ts"
import { retriesWithoutIdempotenceCanDuplicate } from "./retriesWithoutIdempotenceCanDuplicate.ts"
import { staleCommitsAreFenced } from "./staleCommitsAreFenced.ts"
import { staleReceiptsDoNotDelete } from "./staleReceiptsDoNotDelete.ts"
import { transactionsAreAtomic } from "./transactionsAreAtomic.ts"
import { visibilityTimeoutRedelivers } from "./visibilityTimeoutRedelivers.ts"
import { zombiesAreFenced } from "./zombiesAreFenced.ts"

export type { GuaranteeCheck, Violation } from "./check.ts"

const checks: ReadonlyMap<GuaranteeId, GuaranteeCheck> = new Map(
  [
    noLossUnderAtLeastOnce,
    noDuplicateUnderAtMostOnce,
    atMostOnceCanLose,
    atLeastOnceCanDuplicate,
    partitionOrderPreserved,
    assignmentIsExclusive,
    deliveriesFollowAssignment,
    groupsAreIndependent,
    staleCommitsAreFenced,
    idempotentSendsWriteOnce,
    retriesWithoutIdempotenceCanDuplicate,
    abortedRecordsAreNeverReadCommitted,
    readCommittedStopsAtTheLastStableOffset,
    zombiesAreFenced,
    transactionsAreAtomic,
    exactlyOnceWithinTheBroker,
    keyOrderProcessed,
    keyOrderRegressesOnlyOnRedelivery,
    exactlyOnceStopsAtExternalEffects,
    idempotencyKeySkipsDuplicatesWithinTheWindow,
    dedupWindowExpiryReapplies,
    dedupKeyFirstCanLoseEffects,
    dedupEffectFirstCanDuplicate,
    conditionalUpdatesApplyOnceInOrder,
    outboxNeverLosesACommittedEvent,
    outboxNeverPublishesAnUncommittedEvent,
    dualWriteCanLoseOrInventEvents,
    queueNoLossUnderAtLeastOnce,
    visibilityTimeoutRedelivers,
    poisonMessagesEndInTheDeadLetterQueue,
    fifoGroupOrderPreserved,
    deduplicationWindowSuppresses,
    redriveReturnsDeadLetters,
    staleReceiptsDoNotDelete,
    overflowIsKnownToTheProducer,
    dropOverflowLosesSilently,
    poisonMessagesDoNotBlockThePartition,
    poisonBlocksWithoutAPolicy,
    deadLettersAreNeverLost,
    backoffSpacesRetries,
    circuitBreakerStopsRetryStorms,
    redrivenDeadLettersAreProcessed,
    retentionLossesAreDocumented
  ].map((check) => [check.id, check])
)

/** The checker of the given guarantee. */
export const guaranteeCheckById = (id: GuaranteeId): GuaranteeCheck => {
  const check = checks.get(id)
  if (check === undefined) throw new Error(`no checker for guarantee ${id}`)
  return check
}

/** Every guarantee's checker, in catalogue order (one per catalogue entry). */
export const guaranteeChecks: ReadonlyArray<GuaranteeCheck> = catalogue.map((guarantee) => guaranteeCheckById(guarantee.id))
