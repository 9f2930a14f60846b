/**
 * The mutants: the built-in broker with one service swapped for a broken
 * layer each, so the suite can show it catches the classic bugs.
 *
 * @module
 */
import type { Target } from "../target.ts"
import { acceptStaleCommits } from "./acceptStaleCommits.ts"
import { commitBeforeProcess } from "./commitBeforeProcess.ts"
import { doubleAssign } from "./doubleAssign.ts"
import { fetchRevoked } from "./fetchRevoked.ts"
import { redeliverLastRecord } from "./redeliverLastRecord.ts"
import { reorderPartition } from "./reorderPartition.ts"
import { sharedOffsets } from "./sharedOffsets.ts"
import { skipRecord } from "./skipRecord.ts"

export {
  acceptStaleCommits,
  commitBeforeProcess,
  doubleAssign,
  fetchRevoked,
  redeliverLastRecord,
  reorderPartition,
  sharedOffsets,
  skipRecord
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
  skipRecord
]
