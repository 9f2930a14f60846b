/**
 * The catalogue of guarantees: the claims qsem checks, as data. The checkers
 * in `properties/` and the generated `docs/semantics.md` both start here.
 *
 * @module
 */
import type { Guarantee, GuaranteeId } from "./guarantee.ts"

const both = ["at-most-once", "at-least-once"] as const

/** Every guarantee, in the order the docs and the summary table list them. */
export const catalogue: ReadonlyArray<Guarantee> = [
  {
    id: "NoLossUnderAtLeastOnce",
    statement:
      "After a final drain, every acknowledged send to a topic has been processed by every at-least-once group subscribed to it, whatever crashed, expired or rebalanced on the way.",
    holdsUnder: ["at-least-once"],
    violableUnder: ["at-most-once"],
    always:
      "In a history that ends with the final drain, each (topic, partition, offset) answered by `Sent` appears in a `Processed` answer of every at-least-once group subscribed to the topic.",
    sometimes:
      "An at-least-once member crashed, left, rejoined or had its session expire while its buffer held unprocessed records at or beyond its group's committed offset, and one of them was processed by the group afterwards all the same.",
    mutants: ["commit-before-process", "skip-record"]
  },
  {
    id: "NoDuplicateUnderAtMostOnce",
    statement: "No record is processed twice by an at-most-once group.",
    holdsUnder: ["at-most-once"],
    violableUnder: ["at-least-once"],
    always: "No (topic, partition, offset) appears in two `Processed` answers of the same at-most-once group.",
    sometimes:
      "A record was delivered twice to an at-most-once group (a redelivery after a crash or a rebalance) and was still processed at most once.",
    mutants: ["redeliver-last-record"]
  },
  {
    id: "AtMostOnceCanLose",
    statement:
      "At-most-once loses records, but only in its own way: a record goes unprocessed only when a member committed past it and then crashed, left or was expired before processing it, or when a member sought past it.",
    holdsUnder: ["at-most-once"],
    violableUnder: [],
    always:
      "In a history that ends with the final drain, every acknowledged send that an at-most-once group never processed is explained: it was still in a member's buffer when that member crashed, left, rejoined or expired, and that member's own last `Committed` offset for its partition was above it; or a seek of that group moved a member's position from at or below it to above it.",
    sometimes: "An acknowledged send was never processed by an at-most-once group after the drain: the loss of the semantics table really happens.",
    mutants: ["skip-record"]
  },
  {
    id: "AtLeastOnceCanDuplicate",
    statement:
      "At-least-once duplicates records, but only in its own way: a record is processed again only after it was redelivered because its first delivery was not committed before a crash, a leave, a session expiry or a rebalance, or because a member sought back.",
    holdsUnder: ["at-least-once"],
    violableUnder: [],
    always:
      "The k-th `Processed` of a record by an at-least-once group is preceded by k deliveries of it to the group, each one after the first following, since the previous delivery, a crash, leave, join, session expiry or new generation in the group, or a seek of that partition to the record's offset or below.",
    sometimes: "A record was processed twice by an at-least-once group: the duplicate of the semantics table really happens.",
    mutants: ["redeliver-last-record"]
  },
  {
    id: "PartitionOrderPreserved",
    statement:
      "A member sees each partition's offsets in increasing order, with no gap, between seeks and rebalances; records with one key are stored, and so delivered, in their send order.",
    holdsUnder: [...both],
    violableUnder: [],
    always:
      "Within one client generation and between seeks, the offsets a member is delivered from one partition are consecutive and increasing; each delivery of a partition starts where the member's own group's history puts it (its own earlier deliveries, seeks and polls, or, after a join or a sync, its group's last committed offset, 0 if none), unless another group's newer commit is where it started (GroupsAreIndependent's case); two sends with the same key to a topic land on one partition at increasing offsets; and every delivered record is the one a `Sent` answer put at its position.",
    sometimes: "A member received several records of one partition in a single poll, and some member received two different records with the same key.",
    mutants: ["reorder-partition"]
  },
  {
    id: "AssignmentIsExclusive",
    statement:
      "In every generation of a group each partition has at most one owner, and members beyond the partition count sit idle.",
    holdsUnder: [...both],
    violableUnder: [],
    always:
      "No two members are told (by `Joined`, `HeartbeatOk` or `RebalanceInProgress`) that they own the same partition in the same generation of a group, and no member is told it owns a partition outside its group's subscribed topics.",
    sometimes: "A member was told it owns no partition of a subscribed topic (more members than partitions: an idle member), and a partition moved from one member to another across generations.",
    mutants: ["double-assign"]
  },
  {
    id: "DeliveriesFollowAssignment",
    statement:
      "A member reads only the partitions it owns: after a rebalance it stops fetching the partitions taken from it, so a moved partition has one reader.",
    holdsUnder: [...both],
    violableUnder: [],
    always:
      "Every record in a `Polled` answer belongs to a partition of the assignment the member last learned (from `Joined`, `HeartbeatOk` or `RebalanceInProgress`).",
    sometimes: "A partition moved from one member to another in a rebalance, and its new owner was then delivered records from it.",
    mutants: ["fetch-revoked"]
  },
  {
    id: "GroupsAreIndependent",
    statement:
      "Consumer groups read one topic independently (fanout): one group's commits never change another group's deliveries.",
    holdsUnder: [...both],
    violableUnder: [],
    always:
      "No delivery to a member starts from another group's commit: a delivery of a partition that does not start where the member's own group's history puts it (its own earlier deliveries, seeks and polls, or, after a join or a sync, its group's last committed offset, 0 if none) never starts exactly at another group's commit of that partition newer than any of its own group's; and a poll that was not full never delivers nothing from a partition the member owns while records wait at that position, when another group's newer commit is at or past the partition's end.",
    sometimes: "Two groups read the same partition and, at some step, their committed offsets for it differed.",
    mutants: ["shared-offsets"]
  },
  {
    id: "StaleCommitsAreFenced",
    statement: "A commit from a member whose generation is older than its group's current generation is rejected.",
    holdsUnder: [...both],
    violableUnder: [],
    always:
      "No `Committed` answer is given to a member whose last learned generation is older than the latest generation of its group in the history.",
    sometimes: "A commit from a stale generation was attempted and answered `StaleGeneration`.",
    mutants: ["accept-stale-commits"]
  }
]

/** The guarantee with the given id. */
export const guaranteeById = (id: GuaranteeId): Guarantee => {
  const found = catalogue.find((g) => g.id === id)
  if (found === undefined) throw new Error(`no guarantee ${id} in the catalogue`)
  return found
}
