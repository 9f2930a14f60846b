/**
 * ConditionalUpdatesApplyOnceInOrder: a consumer whose effect is a
 * conditional update ("set to version N if it is at N-1") applies each
 * (entity, version) once, in version order, and ends with each entity at
 * the number of distinct messages of its key, holding the last one's value.
 *
 * @module
 */
import type { Config, GroupConfig, History } from "../../spec/index.ts"
import { isolationOf } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { drainedGroupsOf } from "./internal/drainedGroups.ts"
import { dumpedLogsOf, type DumpedLogs } from "./internal/dumps.ts"
import { effectHistoryOf, isApplied, showEvent } from "./internal/effects.ts"
import { showPartition } from "./internal/keys.ts"

const judgedGroupsOf = (config: Config): ReadonlyArray<GroupConfig> =>
  config.groups.filter((group) => group.mode === "at-least-once" && group.effect?.remedy === "conditional-update" && group.processingOrder === "delivery")

/** The distinct values of one key in one partition, in the order of their first record, and where they are. */
interface KeyValues {
  readonly where: string
  readonly values: ReadonlyArray<string>
  /** Whether a `read_committed` reader skips one of the key's records (aborted or still open), so it never updates the entity. */
  readonly unread: boolean
}

/** Per key, the partitions of the group's topics whose dumps hold a record with it. */
const keyValuesOf = (logs: DumpedLogs, config: Config, group: GroupConfig): ReadonlyMap<string, Array<KeyValues>> => {
  const byKey = new Map<string, Array<KeyValues>>()
  const committedOnly = isolationOf(group) === "read_committed"
  for (const topic of config.topics) {
    if (!group.topics.includes(topic.name)) continue
    for (let partition = 0; partition < topic.partitions; partition++) {
      const dumped = logs.partition(topic.name, partition)
      if (dumped === undefined) continue
      const inPartition = new Map<string, { values: Array<string>; unread: boolean }>()
      for (const entry of logs.dataOf(dumped)) {
        if (entry.key === undefined) continue
        let values = inPartition.get(entry.key)
        if (values === undefined) inPartition.set(entry.key, (values = { values: [], unread: false }))
        if (!values.values.includes(entry.value)) values.values.push(entry.value)
        const fate = logs.fate(topic.name, partition, entry.offset)
        if (committedOnly && (fate === "aborted" || fate === "open")) values.unread = true
      }
      for (const [key, { values, unread }] of inPartition) {
        let list = byKey.get(key)
        if (list === undefined) byKey.set(key, (list = []))
        list.push({ where: showPartition(topic.name, partition), values, unread })
      }
    }
  }
  return byKey
}

/**
 * For each drained judged group, its last `EffectsListed`: the first key of
 * the drain's dumps that it does not list at all (its updates were lost),
 * then the first entity whose version is not the number of distinct values
 * of its key in its partition (as the drain's dumps show it) or whose value
 * is not the last of them. An entity whose key is in two partitions of the group's topics
 * (their versions are numbered apart), or whose key's records a
 * `read_committed` group partly skips, is not judged.
 */
const entityMismatch = (history: History, config: Config, groups: ReadonlyArray<GroupConfig>): Violation | undefined => {
  const drained = drainedGroupsOf(history, config)
  const effects = effectHistoryOf(history)
  const logs = dumpedLogsOf(history)
  for (const group of groups) {
    if (!drained.has(group.name)) continue
    const listing = effects.lastListing(group.name)
    if (listing === undefined) continue
    const byKey = keyValuesOf(logs, config, group)
    const listed = new Set(listing.entities.map((entity) => entity.entity))
    for (const [key, found] of byKey) {
      if (listed.has(key) || found.length > 1 || found[0].unread) continue
      const { where, values } = found[0]
      return {
        step: listing.step,
        message: `at-least-once group ${group.name}'s EffectsListed at step ${listing.step + 1} has no entity ${JSON.stringify(key)} (version 0), but ${where} holds ${
          values.length
        } distinct value${values.length === 1 ? "" : "s"} of that key, the last ${JSON.stringify(values.at(-1))}: its updates were lost`
      }
    }
    for (const entity of listing.entities) {
      const found = byKey.get(entity.entity) ?? []
      const head = `at-least-once group ${group.name}'s entity ${JSON.stringify(entity.entity)} (EffectsListed at step ${listing.step + 1})`
      if (found.length === 0) {
        return { step: listing.step, message: `${head} is at version ${entity.version}, but no record of the topics ${group.name} reads has that key` }
      }
      if (found.length > 1 || found[0].unread) continue
      const { where, values } = found[0]
      if (entity.version !== values.length || entity.value !== values.at(-1)) {
        return {
          step: listing.step,
          message: `${head} is at version ${entity.version} with value ${JSON.stringify(entity.value)}, but ${where} holds ${values.length} distinct value${
            values.length === 1 ? "" : "s"
          } of its key, the last ${JSON.stringify(values.at(-1))}`
        }
      }
    }
  }
  return undefined
}

/**
 * The first `applied` outcome, in history order, of an (entity, version)
 * applied before, or of a version that is not the entity's number of
 * earlier applications + 1; then the drained groups' entities (see
 * `entityMismatch`).
 */
const always = (history: History, config: Config): Violation | undefined => {
  const judged = judgedGroupsOf(config)
  if (judged.length === 0) return undefined
  const groups = new Set(judged.map((group) => group.name))
  const versions = new Map<string, Array<number>>()
  for (const event of effectHistoryOf(history).events) {
    if (!groups.has(event.group) || !isApplied(event) || event.effect.version === undefined) continue
    const entity = event.entity ?? ""
    const key = `${event.group}\u0000${entity}`
    let applied = versions.get(key)
    if (applied === undefined) versions.set(key, (applied = []))
    const version = event.effect.version
    const head = `at-least-once group ${event.group} applied version ${version} of entity ${JSON.stringify(entity)} (${showEvent(event)})`
    if (applied.includes(version)) {
      return { step: event.step, message: `${head}, but that version of the entity was applied already: a repeated update must be rejected` }
    }
    if (version !== applied.length + 1) {
      return {
        step: event.step,
        message: `${head}, but the entity had taken ${applied.length} update${applied.length === 1 ? "" : "s"} (expected version ${applied.length + 1})`
      }
    }
    applied.push(version)
  }
  return entityMismatch(history, config, judged)
}

/** A judged group's conditional update rejected a duplicate: a version the entity had already reached. */
const sometimes = (history: History, config: Config): boolean => {
  const groups = new Set(judgedGroupsOf(config).map((group) => group.name))
  return groups.size > 0 && effectHistoryOf(history).events.some((event) =>
    groups.has(event.group) && event.effect.outcome === "rejected" && event.effect.version !== undefined &&
    event.effect.entityVersion !== undefined && event.effect.version <= event.effect.entityVersion
  )
}

/** The checker of ConditionalUpdatesApplyOnceInOrder. */
export const conditionalUpdatesApplyOnceInOrder: GuaranteeCheck = {
  id: "ConditionalUpdatesApplyOnceInOrder",
  always,
  sometimes,
  notApplicableReason: (config) =>
    judgedGroupsOf(config).some((group) => group.topics.length > 0)
      ? undefined
      : "needs an at-least-once group that reads a topic with a conditional-update effect and processingOrder \"delivery\"; the config has none"
}
