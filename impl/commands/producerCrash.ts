/**
 * `ProducerCrash`: the producer's client state is gone (the broker keeps
 * everything, an open transaction included); always answered
 * `ProducerCrashed`.
 *
 * @module
 */
import type { Handler } from "./handler.ts"

/** The `ProducerCrash` handler. */
export const producerCrash: Handler<"ProducerCrash", "ProducerCrashed"> = (s, { producer }) => {
  const { producerClients: clients } = s
  clients.crash(producer)
  return { _tag: "ProducerCrashed", producer }
}

