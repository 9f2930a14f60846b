/**
 * The checks that several commands share, each failing with the spec's typed
 * error.
 *
 * @module
 */
import { Effect } from "effect"
import type { ClientState, ConsumerClientsShape } from "../consumerClients.ts"
import { RebalanceInProgress, UnknownMember } from "../errors.ts"
import type { GroupCoordinatorShape, MemberView } from "../groupCoordinator.ts"

/** Succeeds when the member is a broker member and running, else `UnknownMember`. */
export const requireRunningMember = (
  clients: ConsumerClientsShape,
  coordinator: GroupCoordinatorShape,
  group: string,
  member: string
): Effect.Effect<void, UnknownMember> =>
  Effect.flatMap(
    Effect.zip(clients.isRunning(group, member), coordinator.isMember(group, member)),
    ([running, listed]) => running && listed ? Effect.void : Effect.fail(new UnknownMember({ group, member }))
  )

/** A member's call that reached the broker: its client and what the coordinator told it. */
export interface BrokerCall {
  readonly client: ClientState
  readonly view: MemberView
}

/**
 * A heartbeat, poll or commit reaches the broker: `UnknownMember` unless the
 * member runs and is a broker member; then its `lastSeenMs` becomes `nowMs`.
 */
export const reachBroker = (
  clients: ConsumerClientsShape,
  coordinator: GroupCoordinatorShape,
  group: string,
  member: string,
  nowMs: Effect.Effect<number>
): Effect.Effect<BrokerCall, UnknownMember> =>
  Effect.flatMap(clients.running(group, member), (client) =>
    Effect.flatMap(nowMs, (now) => Effect.map(coordinator.touch(group, member, now), (view) => ({ client, view }))))

/**
 * A client older than its group syncs (adopts the group's generation and its
 * assignment, forgets its positions) and the call fails with
 * `RebalanceInProgress`; an up-to-date client passes. (`UnknownMember` when
 * the client is gone, which `reachBroker` rules out.)
 */
export const syncIfStale = (
  clients: ConsumerClientsShape,
  group: string,
  member: string,
  call: BrokerCall
): Effect.Effect<void, RebalanceInProgress | UnknownMember> =>
  call.client.generation >= call.view.generation
    ? Effect.void
    : Effect.flatMap(
      clients.sync(group, member, call.view.generation, call.view.assignment),
      () =>
        Effect.fail(
          new RebalanceInProgress({
            group,
            member,
            generation: call.view.generation,
            assignment: call.view.assignment
          })
        )
    )
