/**
 * `ConsumerCrash`: 1. `UnknownGroup`; 2. `UnknownMember` unless running;
 * 3. the client (generation, positions, buffer) is destroyed, the broker's
 * membership stays; in an `exactly-once` group the member's producer
 * `<group>/<member>` crashes with it (see `internal/crashMember.ts`); answer
 * `Crashed`.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerConfig } from "../brokerConfig.ts"
import { ConsumerClients } from "../consumerClients.ts"
import type { Handler } from "./handler.ts"
import { makeCrashMember } from "./internal/crashMember.ts"

/** The `ConsumerCrash` handler. */
export const makeConsumerCrash = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const clients = yield* ConsumerClients
  const crashMember = yield* makeCrashMember
  const handler: Handler<"ConsumerCrash", "Crashed"> = ({ group, member }) => {
    const { mode } = config.requireGroup(group)
    clients.running(group, member)
    crashMember(group, mode, member)
    return { _tag: "Crashed", group, member }
  }
  return handler
})
