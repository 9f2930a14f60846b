/**
 * `TxnBegin`: a transactional producer's client begins a transaction
 * (client-side only: the coordinator learns of it with its first send or
 * offsets).
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { clientsWith } from "../producer/client.ts"
import { isError, transactionalClientOf } from "../producer/checks.ts"
import type { ModelState, Transition } from "../state.ts"
import { withProducers } from "../state.ts"

/**
 * Runs `TxnBegin`: `NotTransactional`, `ProducerNotInitialized`,
 * `ProducerFenced` (known to the client), `TransactionAlreadyOpen`; else the
 * client has begun a transaction. Answers `TxnBegun`.
 */
export const txnBegin = (state: ModelState, command: CommandOf<"TxnBegin">): Transition => {
  const producer = command.producer
  const checked = transactionalClientOf(state, producer)
  if (isError(checked)) return { state, response: checked }
  if (checked.client.inTransaction) return { state, response: { _tag: "TransactionAlreadyOpen", producer } }
  return {
    state: withProducers(state, clientsWith(state.producers, producer, { ...checked.client, inTransaction: true }), state.coordinator),
    response: { _tag: "TxnBegun", producer }
  }
}
