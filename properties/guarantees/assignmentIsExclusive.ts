/**
 * AssignmentIsExclusive: in every generation of a group each partition has at
 * most one owner, and every owned partition belongs to a subscribed topic.
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { claimOf } from "./internal/assignmentClaim.ts"
import { partitionKey, showPartition } from "./internal/keys.ts"

/** The first partition told to two members in one generation of a group, or told to a member although its group does not subscribe to it. */
const always = (history: History, config: Config): Violation | undefined => {
  const partitionCounts = new Map(config.topics.map((topic) => [topic.name, topic.partitions]))
  const subscriptions = new Map(config.groups.map((group) => [group.name, group.topics]))
  const owners = new Map<string, { readonly member: string; readonly step: number }>()
  for (let step = 0; step < history.length; step++) {
    const claim = claimOf(history[step])
    if (claim === undefined) continue
    const topics = subscriptions.get(claim.group) ?? []
    for (const { topic, partition } of claim.assignment) {
      const where = showPartition(topic, partition)
      const whose = `member ${claim.member} of ${claim.group} is told it owns ${where} in generation ${claim.generation}`
      if (!topics.includes(topic)) {
        return { step, message: `${whose}, but ${claim.group} does not subscribe to ${topic}` }
      }
      const count = partitionCounts.get(topic) ?? 0
      if (partition >= count) {
        return { step, message: `${whose}, but ${topic} has only ${count} partition(s)` }
      }
      const key = `${claim.group}\u0000${claim.generation}\u0000${partitionKey(topic, partition)}`
      const owner = owners.get(key)
      if (owner === undefined) owners.set(key, { member: claim.member, step })
      else if (owner.member !== claim.member) {
        return { step, message: `${whose}, but member ${owner.member} was told it owns ${where} in that generation at step ${owner.step + 1}` }
      }
    }
  }
  return undefined
}

/**
 * Some generation of a group had more members than some subscribed topic has
 * partitions, seen either as more members told an assignment in that
 * generation than the topic has partitions, or as a member told an assignment
 * with no partition of the topic (both assignors give every member a
 * partition of a topic while members do not outnumber its partitions); and
 * some partition of some group was told to one member and, in a later
 * generation, to another.
 */
const sometimes = (history: History, config: Config): boolean => {
  const partitionCounts = new Map(config.topics.map((topic) => [topic.name, topic.partitions]))
  const fewestPartitions = new Map(
    config.groups.map((group) => [
      group.name,
      Math.min(...group.topics.map((topic) => partitionCounts.get(topic) ?? Number.POSITIVE_INFINITY))
    ])
  )
  const subscriptions = new Map(config.groups.map((group) => [group.name, group.topics]))
  const membersTold = new Map<string, Set<string>>()
  const latestOwner = new Map<string, { readonly generation: number; readonly member: string }>()
  let idle = false
  let moved = false
  for (const entry of history) {
    const claim = claimOf(entry)
    if (claim === undefined) continue
    const generationKey = `${claim.group}\u0000${claim.generation}`
    let members = membersTold.get(generationKey)
    if (members === undefined) membersTold.set(generationKey, (members = new Set()))
    members.add(claim.member)
    if (members.size > (fewestPartitions.get(claim.group) ?? Number.POSITIVE_INFINITY)) idle = true
    const topics = subscriptions.get(claim.group) ?? []
    if (topics.some((topic) => !claim.assignment.some((owned) => owned.topic === topic))) idle = true
    for (const { topic, partition } of claim.assignment) {
      const key = `${claim.group}\u0000${partitionKey(topic, partition)}`
      const latest = latestOwner.get(key)
      if (latest !== undefined && claim.generation > latest.generation && claim.member !== latest.member) moved = true
      if (latest === undefined || claim.generation >= latest.generation) {
        latestOwner.set(key, { generation: claim.generation, member: claim.member })
      }
    }
    if (idle && moved) return true
  }
  return false
}

/** The checker of AssignmentIsExclusive. */
export const assignmentIsExclusive: GuaranteeCheck = { id: "AssignmentIsExclusive", always, sometimes }
