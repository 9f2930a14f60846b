/**
 * `TxnAbort`: see `txnEnd.ts`; abort markers, and the sent offsets are
 * discarded. Answer `TxnAborted`.
 *
 * @module
 */
import type { Handler } from "./handler.ts"
import { endTransaction } from "./txnEnd.ts"

/** The `TxnAbort` handler. */
export const txnAbort: Handler<"TxnAbort", "TxnAborted"> = (s, { producer }) => ({
  _tag: "TxnAborted",
  producer,
  markers: endTransaction(s, producer, "abort")
})
