/**
 * `TxnCommit` and `TxnAbort`: a transactional producer ends its transaction,
 * writing commit or abort markers in every partition it touched.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { clientsWith } from "../producer/client.ts"
import { isError, isFencedByCoordinator, learnFenced, transactionalClientOf } from "../producer/checks.ts"
import type { ModelState, Transition } from "../state.ts"
import { withProducers } from "../state.ts"
import { endTransaction } from "../transaction/end.ts"

/**
 * Ends the producer's transaction with `control`: `NotTransactional`,
 * `ProducerNotInitialized`, `ProducerFenced` (known), `TransactionNotOpen`,
 * `ProducerFenced` (the coordinator's epoch is newer); else the coordinator's
 * open transaction, if any, ends with markers of the client's epoch, and the
 * client has no transaction and no pending send.
 */
export const txnEnd = (state: ModelState, command: CommandOf<"TxnCommit"> | CommandOf<"TxnAbort">, control: "commit" | "abort"): Transition => {
  const producer = command.producer
  const checked = transactionalClientOf(state, producer)
  if (isError(checked)) return { state, response: checked }
  const { client, transactionalId } = checked
  if (!client.inTransaction) return { state, response: { _tag: "TransactionNotOpen", producer } }
  if (isFencedByCoordinator(state, transactionalId, client)) return learnFenced(state, producer, client)
  const ended = endTransaction(state, transactionalId, control, client.epoch, client.epoch)
  const next = withProducers(
    ended.state,
    clientsWith(ended.state.producers, producer, { ...client, inTransaction: false, pending: undefined }),
    ended.state.coordinator
  )
  return {
    state: next,
    response: control === "commit" ? { _tag: "TxnCommitted", producer, markers: ended.markers } : { _tag: "TxnAborted", producer, markers: ended.markers }
  }
}
