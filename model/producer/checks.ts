/**
 * The producer-side checks shared by producer, transaction and exactly-once
 * consumer commands: the client-side checks of a transactional producer, the
 * coordinator's fencing check, and what a client does when it learns it is
 * fenced.
 *
 * @module
 */
import type { Response } from "../../spec/response.ts"
import type { ModelState } from "../state.ts"
import { withProducers } from "../state.ts"
import type { ProducerClient } from "./client.ts"
import { clientFenced, clientsWith } from "./client.ts"
import type { ProducerKind } from "./kind.ts"
import { producerKindOf } from "./kind.ts"

/** A transactional producer that passed the client-side checks: its transactional id and its client. */
export interface TransactionalClient {
  readonly transactionalId: string
  readonly client: ProducerClient
}

/**
 * The client-side checks of a transactional producer's call: without
 * `kindChecked`, `NotTransactional` unless transactional; then
 * `ProducerNotInitialized` unless its client holds an epoch, `ProducerFenced`
 * when the client knows it is fenced. Returns the error, or the client.
 */
export const transactionalClientOf = (state: ModelState, producer: string, kind: ProducerKind = producerKindOf(state.world, producer)): TransactionalClient | Response => {
  const transactionalId = kind.transactionalId
  if (transactionalId === undefined) return { _tag: "NotTransactional", producer }
  const client = state.producers.get(producer)
  if (client === undefined || client.producerId < 0) return { _tag: "ProducerNotInitialized", producer }
  if (client.fenced) return { _tag: "ProducerFenced", producer }
  return { transactionalId, client }
}

/** Whether `value` is an error response rather than a transactional client. */
export const isError = (value: TransactionalClient | Response): value is Response => "_tag" in value

/** Whether the coordinator's epoch for the transactional id is newer than the client's (the client is a zombie). */
export const isFencedByCoordinator = (state: ModelState, transactionalId: string, client: ProducerClient): boolean =>
  state.coordinator.transactions.get(transactionalId)!.epoch > client.epoch

/** The state after `producer`'s client learned it is fenced (its transaction over, its pending send dropped), with the `ProducerFenced` answer. */
export const learnFenced = (state: ModelState, producer: string, client: ProducerClient): { readonly state: ModelState; readonly response: Response } => ({
  state: withProducers(state, clientsWith(state.producers, producer, clientFenced(client)), state.coordinator),
  response: { _tag: "ProducerFenced", producer }
})
