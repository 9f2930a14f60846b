/**
 * `ConsumerCrash`: 1. `UnknownGroup`; 2. `UnknownMember` unless running;
 * 3. the client (generation, positions, buffer) is destroyed, the broker's
 * membership stays; in an `exactly-once` group the member's producer
 * `<group>/<member>` crashes with it (see `internal/crashMember.ts`); answer
 * `Crashed`.
 *
 * @module
 */
import type { Handler } from "./handler.ts"
import { crashMember } from "./internal/crashMember.ts"

/** The `ConsumerCrash` handler. */
export const consumerCrash: Handler<"ConsumerCrash", "Crashed"> = (s, { group, member }) => {
  const { config, consumerClients: clients } = s
  const { mode } = config.requireGroup(group)
  clients.running(group, member)
  crashMember(s, group, mode, member)
  return { _tag: "Crashed", group, member }
}

