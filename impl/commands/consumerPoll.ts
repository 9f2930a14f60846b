/**
 * `ConsumerPoll`: checks 1-4 as for `ConsumerHeartbeat`, then the client
 * fetches up to `recordsMax` records over its assigned partitions in order,
 * resetting a start below a partition's log start by the group's
 * `autoOffsetReset` (`OffsetOutOfRange` under `none`); answer `Polled`
 * (with `resets` only when some start was reset).
 *
 * @module
 */
import { reachBroker, syncIfStale } from "../internal/checks.ts"
import type { Handler } from "./handler.ts"

/** The `ConsumerPoll` handler. */
export const consumerPoll: Handler<"ConsumerPoll", "Polled"> = (s, { group, member, recordsMax }) => {
  const { clock, config, consumerClients: clients, groupCoordinator: coordinator } = s
  config.requireGroup(group)
  const call = reachBroker(clients, coordinator, group, member, clock.nowMs())
  syncIfStale(clients, group, member, call)
  const { records, resets } = clients.poll(group, member, recordsMax)
  return resets.length === 0 ? { _tag: "Polled", group, member, records } : { _tag: "Polled", group, member, records, resets }
}

