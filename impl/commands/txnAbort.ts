/**
 * `TxnAbort`: see `txnEnd.ts`; abort markers, and the sent offsets are
 * discarded. Answer `TxnAborted`.
 *
 * @module
 */
import { Effect } from "effect"
import type { Handler } from "./handler.ts"
import { makeTxnEnd } from "./txnEnd.ts"

/** The `TxnAbort` handler. */
export const makeTxnAbort = Effect.gen(function*() {
  const end = yield* makeTxnEnd
  const handler: Handler<"TxnAbort", "TxnAborted"> = ({ producer }) => ({ _tag: "TxnAborted", producer, markers: end(producer, "abort") })
  return handler
})
