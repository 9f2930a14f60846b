/**
 * DeliveriesFollowAssignment: a member reads only the partitions it owns,
 * so after a rebalance a moved partition has one reader.
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import type { TopicPartition } from "../../spec/record.ts"
import type { GuaranteeCheck } from "./check.ts"
import { claimOf } from "./internal/assignmentClaim.ts"
import { alwaysByEntry, type EntryCheck } from "./internal/entryWalk.ts"
import { partitionKey, showPartition, showRecord } from "./internal/keys.ts"

const owns = (assignment: ReadonlyArray<TopicPartition>, topic: string, partition: number): boolean =>
  assignment.some((tp) => tp.topic === topic && tp.partition === partition)

/** The first delivery, to a running member, from a partition outside the assignment it last learned. */
const entryCheckOf = (): EntryCheck => {
  return (entry, step, replay) => {
    const response = entry.response
    if (response._tag === "Polled") {
      const client = replay.client(response.group, response.member)
      const stray = response.records.find((record) => !owns(client.assignment, record.topic, record.partition))
      if (stray !== undefined) {
        const owned = client.assignment.map((tp) => showPartition(tp.topic, tp.partition)).join(" ")
        const generation = client.generation === undefined ? "no generation" : `generation ${client.generation}`
        return {
          step,
          message: `member ${response.member} of ${response.group} was delivered ${
            showRecord(stray.topic, stray.partition, stray.offset)
          }, but in ${generation} it was told it owns [${owned}]`
        }
      }
    }
    return undefined
  }
}

/**
 * Some partition was told to one member and later to another of the same
 * group, and that new owner was then delivered records from it.
 */
const sometimes = (history: History, _config: Config): boolean => {
  const owner = new Map<string, string>()
  const movedTo = new Map<string, string>()
  for (const entry of history) {
    const claim = claimOf(entry)
    if (claim !== undefined) {
      for (const tp of claim.assignment) {
        const key = `${claim.group}\u0000${partitionKey(tp.topic, tp.partition)}`
        const previous = owner.get(key)
        if (previous !== undefined && previous !== claim.member) movedTo.set(key, claim.member)
        owner.set(key, claim.member)
      }
      continue
    }
    const response = entry.response
    if (response._tag !== "Polled") continue
    for (const record of response.records) {
      if (movedTo.get(`${response.group}\u0000${partitionKey(record.topic, record.partition)}`) === response.member) return true
    }
  }
  return false
}

/** The checker of DeliveriesFollowAssignment. */
export const deliveriesFollowAssignment: GuaranteeCheck = {
  id: "DeliveriesFollowAssignment",
  always: alwaysByEntry(entryCheckOf),
  sometimes,
  entryCheckOf
}
