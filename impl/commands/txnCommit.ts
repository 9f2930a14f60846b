/**
 * `TxnCommit`: see `txnEnd.ts`; commit markers, and the sent offsets become
 * the groups' committed offsets. Answer `TxnCommitted`.
 *
 * @module
 */
import type { Handler } from "./handler.ts"
import { endTransaction } from "./txnEnd.ts"

/** The `TxnCommit` handler. */
export const txnCommit: Handler<"TxnCommit", "TxnCommitted"> = (s, { producer }) => ({
  _tag: "TxnCommitted",
  producer,
  markers: endTransaction(s, producer, "commit")
})
