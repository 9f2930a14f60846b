/**
 * The two write orders of a dedup key and its effect, judged apart: where
 * they are two writes, a crash between them loses the effect
 * (`key-then-effect`, DedupKeyFirstCanLoseEffects) or duplicates it
 * (`effect-then-key`, DedupEffectFirstCanDuplicate), and nothing else does.
 *
 * @module
 */
import type { Config, DedupOrder, GroupConfig, History } from "../../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "../check.ts"
import { drainedGroupsOf } from "./drainedGroups.ts"
import { effectHistoryOf, type EffectEvent, idempotencyKeyGroupsOf, isApplied, recordsKey, remembered, showEffectConfig, showEvent } from "./effects.ts"

/** The two write orders judged here. */
type TwoWrites = Extract<DedupOrder, "key-then-effect" | "effect-then-key">

const judgedGroupsOf = (config: Config, order: TwoWrites): ReadonlyArray<GroupConfig> => idempotencyKeyGroupsOf(config, [order])

/**
 * After the drain, the first id of a drained `key-then-effect` group whose
 * key an outcome recorded, that no `ProcessCrashed` left `key-recorded`, and
 * that its ledger does not hold.
 */
const lostEffect = (history: History, config: Config, groups: ReadonlyArray<GroupConfig>): Violation | undefined => {
  const effects = effectHistoryOf(history)
  const drained = drainedGroupsOf(history, config)
  for (const group of groups) {
    if (!drained.has(group.name)) continue
    const listing = effects.lastListing(group.name)
    if (listing === undefined) continue
    const ledger = new Set(listing.applied.map((entry) => entry.id))
    const events = effects.eventsOf(group.name).filter((event) => event.step < listing.step)
    const crashedBetween = new Set(events.filter((event) => event.effect.outcome === "key-recorded").map((event) => event.effect.id))
    const recorded = events.find((event) => recordsKey(event, "key-then-effect") && !crashedBetween.has(event.effect.id) && !ledger.has(event.effect.id))
    if (recorded === undefined) continue
    return {
      step: listing.step,
      message: `key-then-effect group ${group.name}'s ledger (EffectsListed at step ${listing.step + 1}) has no effect of id ${JSON.stringify(recorded.effect.id)}, whose key was recorded at step ${
        recorded.step + 1
      } (${showEvent(recorded)}), though no ProcessCrashed left it key-recorded`
    }
  }
  return undefined
}

/**
 * The first, in history order, of: a `key-then-effect` group's `skipped`
 * outcome of an id with no `applied` or `key-recorded` outcome before it; an
 * `effect-then-key` group's application of an id, within the window of an
 * earlier application, while the key of an earlier completed application is
 * still remembered (so no crash between the two writes explains it); then
 * (for `key-then-effect`) the drained groups' lost effects (see
 * `lostEffect`). Only the groups of `order` are judged.
 */
const alwaysOf = (order: TwoWrites) => (history: History, config: Config): Violation | undefined => {
  const judged = judgedGroupsOf(config, order)
  if (judged.length === 0) return undefined
  const groups = new Map(judged.map((group) => [group.name, group]))
  const recorded = new Map<string, EffectEvent>()
  const appliedLast = new Map<string, EffectEvent>()
  for (const event of effectHistoryOf(history).events) {
    const group = groups.get(event.group)
    if (group === undefined) continue
    const key = `${event.group}\u0000${event.effect.id}`
    const head = `group ${group.name} (${showEffectConfig(group)}) `
    if (order === "key-then-effect" && event.effect.outcome === "skipped" && !recorded.has(key)) {
      return { step: event.step, message: `${head}skipped ${showEvent(event)}, but no outcome before it applied or recorded that id` }
    }
    if (order === "effect-then-key" && isApplied(event)) {
      const previous = appliedLast.get(key)
      const keyed = recorded.get(key)
      if (previous !== undefined && remembered(group, previous.nowMs, event.nowMs) && keyed !== undefined && remembered(group, keyed.nowMs, event.nowMs)) {
        return {
          step: event.step,
          message: `${head}applied ${showEvent(event)} a second time within its window (at ${event.nowMs} ms), but its application at step ${
            keyed.step + 1
          } (at ${keyed.nowMs} ms) also recorded its key: only a ProcessCrashed that applied it without its key may precede a second application`
        }
      }
      appliedLast.set(key, event)
    }
    if (recordsKey(event, order)) recorded.set(key, event)
  }
  return order === "key-then-effect" ? lostEffect(history, config, judged) : undefined
}

/** Whether the run shows a `key-then-effect` loss: a `key-recorded` crash, a later skip of that id, and no application of it at all. */
const showsLoss = (events: ReadonlyArray<EffectEvent>): boolean =>
  events.some((crash) =>
    crash.effect.outcome === "key-recorded" &&
    events.some((skip) => skip.step > crash.step && skip.effect.outcome === "skipped" && skip.effect.id === crash.effect.id) &&
    !events.some((applied) => isApplied(applied) && applied.effect.id === crash.effect.id)
  )

/** Whether the run shows an `effect-then-key` duplicate: a `ProcessCrashed` that applied an id, then a later application of it. */
const showsDuplicate = (events: ReadonlyArray<EffectEvent>): boolean =>
  events.some((crash) =>
    crash.crashed && isApplied(crash) && events.some((again) => again.step > crash.step && isApplied(again) && again.effect.id === crash.effect.id)
  )

/** Some group of `order` shows its failure: a `key-then-effect` loss, or an `effect-then-key` duplicate. */
const sometimesOf = (order: TwoWrites) => (history: History, config: Config): boolean => {
  const effects = effectHistoryOf(history)
  const shows = order === "key-then-effect" ? showsLoss : showsDuplicate
  return judgedGroupsOf(config, order).some((group) => shows(effects.eventsOf(group.name)))
}

/** The checker of the guarantee `id` about the write order `order`. */
export const dedupWriteOrderCheck = (id: GuaranteeCheck["id"], order: TwoWrites): GuaranteeCheck => ({
  id,
  always: alwaysOf(order),
  sometimes: sometimesOf(order),
  notApplicableReason: (config) =>
    judgedGroupsOf(config, order).some((group) => group.topics.length > 0)
      ? undefined
      : `needs a group that reads a topic with an idempotency-key effect whose dedupOrder is ${order}; the config has none`
})
