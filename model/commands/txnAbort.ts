/**
 * `TxnAbort`: a transactional producer aborts its transaction: abort markers
 * hide its records from `read_committed` readers and its sent offsets are
 * discarded.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import type { ModelState, Transition } from "../state.ts"
import { txnEnd } from "./txnEnd.ts"

/** Runs `TxnAbort` (see `txnEnd`). Answers `TxnAborted` with the markers. */
export const txnAbort = (state: ModelState, command: CommandOf<"TxnAbort">): Transition => txnEnd(state, command, "abort")
