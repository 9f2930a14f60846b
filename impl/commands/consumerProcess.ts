/**
 * `ConsumerProcess`: 1. `UnknownGroup`; 2. `UnknownMember` unless running
 * (processing is local); 3. `NotDelivered` unless buffered; 4. the first
 * matching buffer entry is removed and applied to the group's sink; answer
 * `Processed`.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerConfig } from "../brokerConfig.ts"
import { ConsumerClients } from "../consumerClients.ts"
import { requireGroup } from "../internal/checks.ts"
import type { Handler } from "./handler.ts"

/** The `ConsumerProcess` handler. */
export const makeConsumerProcess = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const clients = yield* ConsumerClients
  const handler: Handler<"ConsumerProcess", "Processed"> = ({ group, member, offset, partition, topic }) =>
    Effect.gen(function*() {
      yield* requireGroup(config, group)
      yield* clients.running(group, member)
      yield* clients.process(group, member, topic, partition, offset)
      return { _tag: "Processed", group, member, topic, partition, offset }
    })
  return handler
})
