/**
 * `TxnCommit`: a transactional producer commits its transaction: commit
 * markers make its records visible to `read_committed` readers and its sent
 * offsets become the groups' committed offsets.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import type { ModelState, Transition } from "../state.ts"
import { txnEnd } from "./txnEnd.ts"

/** Runs `TxnCommit` (see `txnEnd`). Answers `TxnCommitted` with the markers. */
export const txnCommit = (state: ModelState, command: CommandOf<"TxnCommit">): Transition => txnEnd(state, command, "commit")
