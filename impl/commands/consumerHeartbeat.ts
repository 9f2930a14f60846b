/**
 * `ConsumerHeartbeat`: 1. `UnknownGroup`; 2. `UnknownMember` unless a running
 * broker member; 3. `lastSeenMs = nowMs`; 4. a stale client syncs and gets
 * `RebalanceInProgress`; 5. answer `HeartbeatOk`.
 *
 * @module
 */
import { reachBroker, syncIfStale } from "../internal/checks.ts"
import type { Handler } from "./handler.ts"

/** The `ConsumerHeartbeat` handler. */
export const consumerHeartbeat: Handler<"ConsumerHeartbeat", "HeartbeatOk"> = (s, { group, member }) => {
  const { clock, config, consumerClients: clients, groupCoordinator: coordinator } = s
  config.requireGroup(group)
  const call = reachBroker(clients, coordinator, group, member, clock.nowMs())
  syncIfStale(clients, group, member, call)
  return {
    _tag: "HeartbeatOk",
    group,
    member,
    generation: call.client.generation,
    assignment: call.client.assignment
  }
}

