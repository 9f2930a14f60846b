/**
 * DedupWindowExpiryReapplies: an idempotency key is remembered only for its
 * dedup window; a redelivery after the window applies the effect again.
 *
 * @module
 */
import type { Config, GroupConfig, History } from "../../spec/index.ts"
import { dedupOrderOf } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { effectHistoryOf, type EffectEvent, idempotencyKeyGroupsOf, isApplied, recordsKey, remembered, showEffectConfig, showEvent } from "./internal/effects.ts"

const judgedGroupsOf = (config: Config): ReadonlyArray<GroupConfig> =>
  idempotencyKeyGroupsOf(config).filter((group) => group.effect?.dedupWindowMs !== undefined)

/**
 * The first, in history order, of: a `skipped` outcome of an id whose last
 * recording (an application with its key, or `key-recorded`) is
 * `dedupWindowMs` or more before it; an `EffectsListed` answer that
 * remembers an id recorded `dedupWindowMs` or more before the listing.
 */
const always = (history: History, config: Config): Violation | undefined => {
  const groups = new Map(judgedGroupsOf(config).map((group) => [group.name, group]))
  if (groups.size === 0) return undefined
  const effects = effectHistoryOf(history)
  const lastRecorded = new Map<string, EffectEvent>()
  let listingIndex = 0
  const listingViolation = (before: number): Violation | undefined => {
    for (; listingIndex < effects.listings.length && effects.listings[listingIndex].step < before; listingIndex++) {
      const listing = effects.listings[listingIndex]
      const group = groups.get(listing.group)
      if (group === undefined) continue
      const stale = listing.remembered.find((id) => !remembered(group, id.atMs, listing.nowMs))
      if (stale === undefined) continue
      return {
        step: listing.step,
        message: `group ${group.name} (${showEffectConfig(group)}) listed id ${JSON.stringify(stale.id)} as remembered at ${listing.nowMs} ms, but it was recorded at ${stale.atMs} ms, ${group.effect?.dedupWindowMs} ms or more before: its window had expired`
      }
    }
    return undefined
  }
  for (const event of effects.events) {
    const listed = listingViolation(event.step)
    if (listed !== undefined) return listed
    const group = groups.get(event.group)
    if (group === undefined) continue
    const key = `${event.group}\u0000${event.effect.id}`
    const last = lastRecorded.get(key)
    if (event.effect.outcome === "skipped" && last !== undefined && !remembered(group, last.nowMs, event.nowMs)) {
      return {
        step: event.step,
        message: `group ${group.name} (${showEffectConfig(group)}) skipped ${showEvent(event)} at ${event.nowMs} ms, but the id's last recording, at step ${
          last.step + 1
        } (at ${last.nowMs} ms), is ${event.nowMs - last.nowMs} ms before: its window had expired, so it should have been applied`
      }
    }
    if (recordsKey(event, dedupOrderOf(group.effect!))) lastRecorded.set(key, event)
  }
  return listingViolation(history.length)
}

/** A judged group applied an id again after an earlier application, once the id's last recording was outside its window. */
const sometimes = (history: History, config: Config): boolean => {
  const groups = new Map(judgedGroupsOf(config).map((group) => [group.name, group]))
  if (groups.size === 0) return false
  const lastRecorded = new Map<string, EffectEvent>()
  const applied = new Set<string>()
  for (const event of effectHistoryOf(history).events) {
    const group = groups.get(event.group)
    if (group === undefined) continue
    const key = `${event.group}\u0000${event.effect.id}`
    const last = lastRecorded.get(key)
    if (isApplied(event)) {
      if (applied.has(key) && last !== undefined && !remembered(group, last.nowMs, event.nowMs)) return true
      applied.add(key)
    }
    if (recordsKey(event, dedupOrderOf(group.effect!))) lastRecorded.set(key, event)
  }
  return false
}

/** The checker of DedupWindowExpiryReapplies. */
export const dedupWindowExpiryReapplies: GuaranteeCheck = {
  id: "DedupWindowExpiryReapplies",
  always,
  sometimes,
  notApplicableReason: (config) =>
    judgedGroupsOf(config).some((group) => group.topics.length > 0)
      ? undefined
      : "needs a group that reads a topic with an idempotency-key effect and a dedupWindowMs; the config has none"
}
