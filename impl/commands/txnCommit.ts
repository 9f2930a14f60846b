/**
 * `TxnCommit`: see `txnEnd.ts`; commit markers, and the sent offsets become
 * the groups' committed offsets. Answer `TxnCommitted`.
 *
 * @module
 */
import { Effect } from "effect"
import type { Handler } from "./handler.ts"
import { makeTxnEnd } from "./txnEnd.ts"

/** The `TxnCommit` handler. */
export const makeTxnCommit = Effect.gen(function*() {
  const end = yield* makeTxnEnd
  const handler: Handler<"TxnCommit", "TxnCommitted"> = ({ producer }) => ({ _tag: "TxnCommitted", producer, markers: end(producer, "commit") })
  return handler
})
