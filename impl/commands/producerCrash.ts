/**
 * `ProducerCrash`: the producer's client state is gone (the broker keeps
 * everything, an open transaction included); always answered
 * `ProducerCrashed`.
 *
 * @module
 */
import { Effect } from "effect"
import { ProducerClients } from "../producer/producerClients.ts"
import type { Handler } from "./handler.ts"

/** The `ProducerCrash` handler. */
export const makeProducerCrash = Effect.gen(function*() {
  const clients = yield* ProducerClients
  const handler: Handler<"ProducerCrash", "ProducerCrashed"> = ({ producer }) => {
    clients.crash(producer)
    return { _tag: "ProducerCrashed", producer }
  }
  return handler
})
