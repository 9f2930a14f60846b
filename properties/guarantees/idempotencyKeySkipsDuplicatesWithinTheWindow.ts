/**
 * IdempotencyKeySkipsDuplicatesWithinTheWindow: a consumer that writes its
 * idempotency key with its effect (`atomic`) or before it
 * (`key-then-effect`) applies each message id at most once within its dedup
 * window, and skips only ids it remembers.
 *
 * @module
 */
import type { Config, GroupConfig, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { effectHistoryOf, type EffectEvent, idempotencyKeyGroupsOf, isApplied, remembered, showEffectConfig, showEvent } from "./internal/effects.ts"

const judgedGroupsOf = (config: Config): ReadonlyArray<GroupConfig> => idempotencyKeyGroupsOf(config, ["atomic", "key-then-effect"])

/** Under these write orders every `applied` and `key-recorded` outcome records the id's key. */
const records = (event: EffectEvent): boolean => event.effect.outcome === "applied" || event.effect.outcome === "key-recorded"

/**
 * The first outcome, in history order, that applies an id recorded (applied
 * or key-recorded) less than `dedupWindowMs` before it (any time before,
 * without a window), or that skips an id with no such recording.
 */
const always = (history: History, config: Config): Violation | undefined => {
  const groups = new Map(judgedGroupsOf(config).map((group) => [group.name, group]))
  if (groups.size === 0) return undefined
  const lastRecorded = new Map<string, EffectEvent>()
  for (const event of effectHistoryOf(history).events) {
    const group = groups.get(event.group)
    if (group === undefined) continue
    const key = `${event.group}\u0000${event.effect.id}`
    const last = lastRecorded.get(key)
    const inWindow = last !== undefined && remembered(group, last.nowMs, event.nowMs)
    const head = `group ${group.name} (${showEffectConfig(group)}) `
    if (isApplied(event) && inWindow) {
      return {
        step: event.step,
        message: `${head}applied ${showEvent(event)} at ${event.nowMs} ms, but the id was recorded at step ${last.step + 1} (at ${last.nowMs} ms, ${
          last.effect.outcome
        }), within its window, so it should have been skipped`
      }
    }
    if (event.effect.outcome === "skipped" && !inWindow) {
      return {
        step: event.step,
        message: `${head}skipped ${showEvent(event)} at ${event.nowMs} ms, but ${
          last === undefined ? "the id was never applied or recorded before" : `the id's last recording, at step ${last.step + 1} (at ${last.nowMs} ms), is outside its window`
        }, so it should have been applied`
      }
    }
    if (records(event)) lastRecorded.set(key, event)
  }
  return undefined
}

/** A judged group skipped a duplicate id. */
const sometimes = (history: History, config: Config): boolean => {
  const groups = new Set(judgedGroupsOf(config).map((group) => group.name))
  return groups.size > 0 && effectHistoryOf(history).events.some((event) => groups.has(event.group) && event.effect.outcome === "skipped")
}

/** The checker of IdempotencyKeySkipsDuplicatesWithinTheWindow. */
export const idempotencyKeySkipsDuplicatesWithinTheWindow: GuaranteeCheck = {
  id: "IdempotencyKeySkipsDuplicatesWithinTheWindow",
  always,
  sometimes,
  notApplicableReason: (config) =>
    judgedGroupsOf(config).some((group) => group.topics.length > 0)
      ? undefined
      : "needs a group that reads a topic with an idempotency-key effect whose dedupOrder is atomic or key-then-effect; the config has none"
}
