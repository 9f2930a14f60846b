/**
 * `ConsumerHeartbeat`: 1. `UnknownGroup`; 2. `UnknownMember` unless a running
 * broker member; 3. `lastSeenMs = nowMs`; 4. a stale client syncs and gets
 * `RebalanceInProgress`; 5. answer `HeartbeatOk`.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerClock } from "../brokerClock.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { ConsumerClients } from "../consumerClients.ts"
import { GroupCoordinator } from "../groupCoordinator.ts"
import { reachBroker, syncIfStale } from "../internal/checks.ts"
import type { Handler } from "./handler.ts"

/** The `ConsumerHeartbeat` handler. */
export const makeConsumerHeartbeat = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const clock = yield* BrokerClock
  const coordinator = yield* GroupCoordinator
  const clients = yield* ConsumerClients
  const handler: Handler<"ConsumerHeartbeat", "HeartbeatOk"> = ({ group, member }) => {
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
  return handler
})
