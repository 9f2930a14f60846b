/**
 * The mutants: the built-in broker with one service swapped for a broken
 * layer each, so the suite can show it catches the classic bugs.
 *
 * @module
 */
import type { Target } from "../target.ts"
import { acceptStaleCommits } from "./acceptStaleCommits.ts"
import { casIgnoresVersion } from "./casIgnoresVersion.ts"
import { commitBeforeProcess } from "./commitBeforeProcess.ts"
import { dedupByEntity } from "./dedupByEntity.ts"
import { dedupIgnoresSequence } from "./dedupIgnoresSequence.ts"
import { dedupWindowExpiresEarly } from "./dedupWindowExpiresEarly.ts"
import { dedupWindowNeverExpires } from "./dedupWindowNeverExpires.ts"
import { doubleAssign } from "./doubleAssign.ts"
import { duplicateOnTimeout } from "./duplicateOnTimeout.ts"
import { effectAppliedTwice } from "./effectAppliedTwice.ts"
import { fetchRevoked } from "./fetchRevoked.ts"
import { ignoreLastStableOffset } from "./ignoreLastStableOffset.ts"
import { ignoreUnstableOffsets } from "./ignoreUnstableOffsets.ts"
import { keyPartitionDrift } from "./keyPartitionDrift.ts"
import { markersTakeNoOffset } from "./markersTakeNoOffset.ts"
import { noEpochCheck } from "./noEpochCheck.ts"
import { offsetsCommitOnAbort } from "./offsetsCommitOnAbort.ts"
import { offsetsIgnoreGeneration } from "./offsetsIgnoreGeneration.ts"
import { outboxRowOutsideTransaction } from "./outboxRowOutsideTransaction.ts"
import { readCommittedLeaksAborted } from "./readCommittedLeaksAborted.ts"
import { redeliverLastRecord } from "./redeliverLastRecord.ts"
import { refetchFromCommitted } from "./refetchFromCommitted.ts"
import { relayMarksBeforeSend } from "./relayMarksBeforeSend.ts"
import { reorderPartition } from "./reorderPartition.ts"
import { serviceForgetsCommit } from "./serviceForgetsCommit.ts"
import { sharedOffsets } from "./sharedOffsets.ts"
import { skipRecord } from "./skipRecord.ts"
import { timeoutNeverFires } from "./timeoutNeverFires.ts"
import { receiveDeletes } from "./receiveDeletes.ts"
import { deadLetterDrops } from "./deadLetterDrops.ts"
import { visibilityExpiresEarly } from "./visibilityExpiresEarly.ts"
import { crashUncounted } from "./crashUncounted.ts"
import { receiveLimitOffByOne } from "./receiveLimitOffByOne.ts"
import { fifoGroupParallel } from "./fifoGroupParallel.ts"
import { queueDedupNeverExpires } from "./queueDedupNeverExpires.ts"
import { queueDedupIgnored } from "./queueDedupIgnored.ts"
import { redriveKeepsCount } from "./redriveKeepsCount.ts"
import { redrivePartial } from "./redrivePartial.ts"
import { redriveSkipsReceived } from "./redriveSkipsReceived.ts"
import { staleReceiptDeletes } from "./staleReceiptDeletes.ts"
import { boundIgnored } from "./boundIgnored.ts"
import { refuseButStore } from "./refuseButStore.ts"
import { boundCountsInFlight } from "./boundCountsInFlight.ts"
import { rejectDropsOldest } from "./rejectDropsOldest.ts"
import { dropWrongEnd } from "./dropWrongEnd.ts"
import { deadLetterNever } from "./deadLetterNever.ts"
import { poisonProcessed } from "./poisonProcessed.ts"
import { deadLetterUnpublished } from "./deadLetterUnpublished.ts"
import { deadLetterAttemptsWrong } from "./deadLetterAttemptsWrong.ts"
import { backoffIgnored } from "./backoffIgnored.ts"
import { backoffLinear } from "./backoffLinear.ts"
import { breakerNeverOpens } from "./breakerNeverOpens.ts"
import { breakerNeverCloses } from "./breakerNeverCloses.ts"
import { redriveDrops } from "./redriveDrops.ts"
import { retentionEarly } from "./retentionEarly.ts"
import { resetUnreported } from "./resetUnreported.ts"

export {
  acceptStaleCommits,
  casIgnoresVersion,
  dedupByEntity,
  dedupWindowExpiresEarly,
  dedupWindowNeverExpires,
  effectAppliedTwice,
  outboxRowOutsideTransaction,
  relayMarksBeforeSend,
  serviceForgetsCommit,
  commitBeforeProcess,
  dedupIgnoresSequence,
  doubleAssign,
  duplicateOnTimeout,
  fetchRevoked,
  ignoreLastStableOffset,
  keyPartitionDrift,
  ignoreUnstableOffsets,
  markersTakeNoOffset,
  noEpochCheck,
  offsetsCommitOnAbort,
  offsetsIgnoreGeneration,
  readCommittedLeaksAborted,
  redeliverLastRecord,
  refetchFromCommitted,
  reorderPartition,
  sharedOffsets,
  skipRecord,
  timeoutNeverFires,
  receiveDeletes,
  deadLetterDrops,
  visibilityExpiresEarly,
  crashUncounted,
  receiveLimitOffByOne,
  fifoGroupParallel,
  queueDedupNeverExpires,
  queueDedupIgnored,
  redriveKeepsCount,
  redrivePartial,
  redriveSkipsReceived,
  staleReceiptDeletes,
  boundIgnored,
  refuseButStore,
  boundCountsInFlight,
  rejectDropsOldest,
  dropWrongEnd,
  deadLetterNever,
  poisonProcessed,
  deadLetterUnpublished,
  deadLetterAttemptsWrong,
  backoffIgnored,
  backoffLinear,
  breakerNeverOpens,
  breakerNeverCloses,
  redriveDrops,
  retentionEarly,
  resetUnreported
}

/** Every mutant, each named `mutant:<name>`. */
export const mutants: ReadonlyArray<Target> = [
  commitBeforeProcess,
  doubleAssign,
  fetchRevoked,
  reorderPartition,
  acceptStaleCommits,
  sharedOffsets,
  redeliverLastRecord,
  skipRecord,
  dedupIgnoresSequence,
  duplicateOnTimeout,
  readCommittedLeaksAborted,
  ignoreLastStableOffset,
  noEpochCheck,
  offsetsCommitOnAbort,
  timeoutNeverFires,
  offsetsIgnoreGeneration,
  markersTakeNoOffset,
  keyPartitionDrift,
  refetchFromCommitted,
  ignoreUnstableOffsets,
  effectAppliedTwice,
  dedupWindowExpiresEarly,
  dedupWindowNeverExpires,
  dedupByEntity,
  casIgnoresVersion,
  relayMarksBeforeSend,
  outboxRowOutsideTransaction,
  serviceForgetsCommit,
  receiveDeletes,
  deadLetterDrops,
  visibilityExpiresEarly,
  crashUncounted,
  receiveLimitOffByOne,
  fifoGroupParallel,
  queueDedupNeverExpires,
  queueDedupIgnored,
  redriveKeepsCount,
  redrivePartial,
  redriveSkipsReceived,
  staleReceiptDeletes,
  boundIgnored,
  refuseButStore,
  boundCountsInFlight,
  rejectDropsOldest,
  dropWrongEnd,
  deadLetterNever,
  poisonProcessed,
  deadLetterUnpublished,
  deadLetterAttemptsWrong,
  backoffIgnored,
  backoffLinear,
  breakerNeverOpens,
  breakerNeverCloses,
  redriveDrops,
  retentionEarly,
  resetUnreported
]
