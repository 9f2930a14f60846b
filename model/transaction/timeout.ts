/**
 * Transaction timeouts: on `ClockAdvance` the coordinator aborts every open
 * transaction that has been open for `transactionTimeoutMs` and bumps its
 * epoch, so the late producer's next call is fenced (Kafka's
 * `transaction.timeout.ms`).
 *
 * @module
 */
import type { TransactionAbortedByCoordinator } from "../../spec/record.ts"
import type { ModelState } from "../state.ts"
import { endTransaction } from "./end.ts"

/**
 * Aborts, in transactional-id order (plain string order), every open
 * transaction with `startMs + transactionTimeoutMs <= nowMs`; abort markers
 * are written with the bumped epoch. Returns the state and what was aborted
 * (empty when nothing timed out: the state is then the same object).
 */
export const abortTimedOut = (
  state: ModelState
): { readonly state: ModelState; readonly aborted: ReadonlyArray<TransactionAbortedByCoordinator> } => {
  const transactions = state.coordinator.transactions
  if (transactions.size === 0) return { state, aborted: [] }
  const timeoutMs = state.world.transactionTimeoutMs
  const due: Array<string> = []
  for (const [id, transaction] of transactions) {
    if (transaction.open !== undefined && transaction.open.startMs + timeoutMs <= state.nowMs) due.push(id)
  }
  if (due.length === 0) return { state, aborted: [] }
  due.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  let next = state
  const aborted: Array<TransactionAbortedByCoordinator> = []
  for (const transactionalId of due) {
    const epoch = transactions.get(transactionalId)!.epoch + 1
    const ended = endTransaction(next, transactionalId, "abort", epoch, epoch)
    next = ended.state
    aborted.push({ transactionalId, epoch, markers: ended.markers })
  }
  return { state: next, aborted }
}
