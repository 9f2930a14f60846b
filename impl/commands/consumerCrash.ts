/**
 * `ConsumerCrash`: 1. `UnknownGroup`; 2. `UnknownMember` unless running;
 * 3. the client (generation, positions, buffer) is destroyed, the broker's
 * membership stays; in an `exactly-once` group the member's producer
 * `<group>/<member>` crashes with it; answer `Crashed`.
 *
 * @module
 */
import { Effect } from "effect"
import { memberProducerName } from "../../spec/config.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { ConsumerClients } from "../consumerClients.ts"
import { ProducerClients } from "../producer/producerClients.ts"
import type { Handler } from "./handler.ts"

/** The `ConsumerCrash` handler. */
export const makeConsumerCrash = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const clients = yield* ConsumerClients
  const producers = yield* ProducerClients
  const handler: Handler<"ConsumerCrash", "Crashed"> = ({ group, member }) =>
    Effect.gen(function*() {
      const { mode } = yield* config.requireGroup(group)
      yield* clients.running(group, member)
      yield* clients.destroy(group, member)
      if (mode === "exactly-once") yield* producers.crash(memberProducerName(group, member))
      return { _tag: "Crashed", group, member }
    })
  return handler
})
