/**
 * Assignment claims: the answers that tell a member which partitions it owns
 * (`Joined`, `HeartbeatOk`, `RebalanceInProgress`).
 *
 * @module
 */
import type { HistoryEntry, TopicPartition } from "../../../spec/index.ts"

/** A member told, by one answer, that it owns these partitions in this generation of this group. */
export interface AssignmentClaim {
  readonly group: string
  readonly member: string
  readonly generation: number
  readonly assignment: ReadonlyArray<TopicPartition>
}

/** The assignment an answer tells its member, or `undefined` for answers that tell none. */
export const claimOf = (entry: HistoryEntry): AssignmentClaim | undefined => {
  const response = entry.response
  switch (response._tag) {
    case "Joined":
    case "HeartbeatOk":
    case "RebalanceInProgress":
      return response
    default:
      return undefined
  }
}
