/**
 * The checks that several commands share, each throwing the spec's typed
 * error.
 *
 * @module
 */
import type { ClientState, ConsumerClientsShape } from "../consumerClients.ts"
import { RebalanceInProgress, UnknownMember } from "../errors.ts"
import type { GroupCoordinatorShape, MemberView } from "../groupCoordinator.ts"

/** Passes when the member is a broker member and running; throws `UnknownMember` otherwise. */
export const requireRunningMember = (
  clients: ConsumerClientsShape,
  coordinator: GroupCoordinatorShape,
  group: string,
  member: string
): void => {
  const running = clients.isRunning(group, member)
  const listed = coordinator.isMember(group, member)
  if (!running || !listed) throw new UnknownMember({ group, member })
}

/** A member's call that reached the broker: its client and what the coordinator told it. */
export interface BrokerCall {
  readonly client: ClientState
  readonly view: MemberView
}

/**
 * A heartbeat, poll or commit reaches the broker: throws `UnknownMember`
 * unless the member runs and is a broker member; then its `lastSeenMs`
 * becomes `nowMs`.
 */
export const reachBroker = (
  clients: ConsumerClientsShape,
  coordinator: GroupCoordinatorShape,
  group: string,
  member: string,
  nowMs: number
): BrokerCall => {
  const client = clients.running(group, member)
  return { client, view: coordinator.touch(group, member, nowMs) }
}

/**
 * A client older than its group syncs (adopts the group's generation and its
 * assignment, forgets its positions) and the call throws
 * `RebalanceInProgress`; an up-to-date client passes. (`UnknownMember` when
 * the client is gone, which `reachBroker` rules out.)
 */
export const syncIfStale = (clients: ConsumerClientsShape, group: string, member: string, call: BrokerCall): void => {
  if (call.client.generation >= call.view.generation) return
  clients.sync(group, member, call.view.generation, call.view.assignment)
  throw new RebalanceInProgress({ group, member, generation: call.view.generation, assignment: call.view.assignment })
}
