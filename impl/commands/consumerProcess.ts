/**
 * `ConsumerProcess`: 1. `UnknownGroup`; 2. `UnknownMember` unless running
 * (processing is local) and 3. `NotDelivered` unless buffered, both checked
 * by the client; 4. the first matching buffer entry is removed (applying it
 * to the group's sink is the application's side effect: the broker keeps no
 * sink); answer `Processed`.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerConfig } from "../brokerConfig.ts"
import { ConsumerClients } from "../consumerClients.ts"
import type { Handler } from "./handler.ts"

/** The `ConsumerProcess` handler. */
export const makeConsumerProcess = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const clients = yield* ConsumerClients
  const handler: Handler<"ConsumerProcess", "Processed"> = ({ group, member, offset, partition, topic }) =>
    Effect.gen(function*() {
      yield* config.requireGroup(group)
      yield* clients.process(group, member, topic, partition, offset)
      return { _tag: "Processed", group, member, topic, partition, offset }
    })
  return handler
})
