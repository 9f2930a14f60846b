/**
 * `GroupJoin`: 1. `UnknownGroup`; 2. `AlreadyMember` when a running broker
 * member; 3. join (a listed member keeps its place), `lastSeenMs = nowMs`,
 * rebalance, fresh client (no attempt counts); answer `Joined`.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerClock } from "../brokerClock.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { ConsumerClients } from "../consumerClients.ts"
import { AlreadyMember } from "../errors.ts"
import { ProcessAttempts } from "../failure/attempts.ts"
import { GroupCoordinator } from "../groupCoordinator.ts"
import type { Handler } from "./handler.ts"

/** The `GroupJoin` handler. */
export const makeGroupJoin = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const clock = yield* BrokerClock
  const coordinator = yield* GroupCoordinator
  const clients = yield* ConsumerClients
  const attempts = yield* ProcessAttempts
  const handler: Handler<"GroupJoin", "Joined"> = ({ group, member }) => {
    config.requireGroup(group)
    if (coordinator.isMember(group, member) && clients.isRunning(group, member)) {
      throw new AlreadyMember({ group, member })
    }
    const view = coordinator.join(group, member, clock.nowMs())
    clients.start(group, member, view.generation, view.assignment)
    attempts.forgetClient(group, member)
    return { _tag: "Joined", group, member, generation: view.generation, assignment: view.assignment }
  }
  return handler
})
