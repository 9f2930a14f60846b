/**
 * Group membership commands: a member joins or leaves its consumer group.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Name } from "../config.ts"


/**
 * A member joins a consumer group (or rejoins after a crash or an expiry).
 *
 * 1. `UnknownGroup`.
 * 2. `AlreadyMember` when it is a broker member and running.
 * 3. Otherwise it is appended to the membership unless already listed (a
 *    crashed member that rejoins keeps its place), `lastSeenMs = nowMs`, the
 *    group rebalances, and the member gets a fresh client (the new generation
 *    and its assignment, no positions, an empty buffer). Answer: `Joined`.
 */
export const GroupJoin = Schema.TaggedStruct("GroupJoin", {
  group: Name,
  member: Name
})

/**
 * A running member leaves its group gracefully.
 *
 * 1. `UnknownGroup`. 2. `UnknownMember` unless it is a broker member and
 * running. 3. It is removed from the membership, its client is destroyed
 * (unprocessed records are dropped, nothing is committed) and the group
 * rebalances. Answer: `Left`.
 */
export const GroupLeave = Schema.TaggedStruct("GroupLeave", {
  group: Name,
  member: Name
})
