/**
 * `GroupLeave`: 1. `UnknownGroup`; 2. `UnknownMember` unless a running broker
 * member; 3. removed, client destroyed (nothing committed; its attempt
 * counts are gone with it), rebalance; answer `Left`.
 *
 * @module
 */
import { requireRunningMember } from "../internal/checks.ts"
import type { Handler } from "./handler.ts"

/** The `GroupLeave` handler. */
export const groupLeave: Handler<"GroupLeave", "Left"> = (s, { group, member }) => {
  const { config, consumerClients: clients, groupCoordinator: coordinator, processAttempts: attempts } = s
  config.requireGroup(group)
  requireRunningMember(clients, coordinator, group, member)
  const generation = coordinator.leave(group, member)
  clients.destroy(group, member)
  attempts.forgetClient(group, member)
  return { _tag: "Left", group, member, generation }
}

