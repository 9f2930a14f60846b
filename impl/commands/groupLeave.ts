/**
 * `GroupLeave`: 1. `UnknownGroup`; 2. `UnknownMember` unless a running broker
 * member; 3. removed, client destroyed (nothing committed; its attempt
 * counts are gone with it), rebalance; answer `Left`.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerConfig } from "../brokerConfig.ts"
import { ConsumerClients } from "../consumerClients.ts"
import { ProcessAttempts } from "../failure/attempts.ts"
import { GroupCoordinator } from "../groupCoordinator.ts"
import { requireRunningMember } from "../internal/checks.ts"
import type { Handler } from "./handler.ts"

/** The `GroupLeave` handler. */
export const makeGroupLeave = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const coordinator = yield* GroupCoordinator
  const clients = yield* ConsumerClients
  const attempts = yield* ProcessAttempts
  const handler: Handler<"GroupLeave", "Left"> = ({ group, member }) => {
    config.requireGroup(group)
    requireRunningMember(clients, coordinator, group, member)
    const generation = coordinator.leave(group, member)
    clients.destroy(group, member)
    attempts.forgetClient(group, member)
    return { _tag: "Left", group, member, generation }
  }
  return handler
})
