/**
 * `ConsumerCrash`: 1. `UnknownGroup`; 2. `UnknownMember` unless running;
 * 3. the client (generation, positions, buffer) is destroyed, the broker's
 * membership stays; answer `Crashed`.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerConfig } from "../brokerConfig.ts"
import { ConsumerClients } from "../consumerClients.ts"
import type { Handler } from "./handler.ts"

/** The `ConsumerCrash` handler. */
export const makeConsumerCrash = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const clients = yield* ConsumerClients
  const handler: Handler<"ConsumerCrash", "Crashed"> = ({ group, member }) =>
    Effect.gen(function*() {
      yield* config.requireGroup(group)
      yield* clients.running(group, member)
      yield* clients.destroy(group, member)
      return { _tag: "Crashed", group, member }
    })
  return handler
})
