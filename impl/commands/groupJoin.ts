/**
 * `GroupJoin`: 1. `UnknownGroup`; 2. `AlreadyMember` when a running broker
 * member; 3. join (a listed member keeps its place), `lastSeenMs = nowMs`,
 * rebalance, fresh client (no attempt counts); answer `Joined`.
 *
 * @module
 */
import { AlreadyMember } from "../errors.ts"
import type { Handler } from "./handler.ts"

/** The `GroupJoin` handler. */
export const groupJoin: Handler<"GroupJoin", "Joined"> = (s, { group, member }) => {
  const { clock, config, consumerClients: clients, groupCoordinator: coordinator, processAttempts: attempts } = s
  config.requireGroup(group)
  if (coordinator.isMember(group, member) && clients.isRunning(group, member)) {
    throw new AlreadyMember({ group, member })
  }
  const view = coordinator.join(group, member, clock.nowMs())
  clients.start(group, member, view.generation, view.assignment)
  attempts.forgetClient(group, member)
  return { _tag: "Joined", group, member, generation: view.generation, assignment: view.assignment }
}

