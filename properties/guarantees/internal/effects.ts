/**
 * What a history's answers say about the groups' effect stores (outside the
 * broker): every effect outcome a processing reported (`Processed` or
 * `ProcessCrashed` with an `effect`), with the clock and the record's key at
 * its step, and every listing of an effect store (`EffectsListed`). The one
 * home of this state for the effect guarantees; built from the answers only.
 *
 * @module
 */
import type { AppliedEffect, Config, DedupOrder, EffectOutcome, EntityState, GroupConfig, History, RememberedId } from "../../../spec/index.ts"
import { dedupOrderOf } from "../../../spec/index.ts"
import { recordKey, showRecord } from "./keys.ts"
import { memoByHistory } from "./historyMemo.ts"

/** One effect outcome an answer reported. */
export interface EffectEvent {
  readonly step: number
  /** The clock at the step (the latest `ClockAdvanced` before it; 0 before any). */
  readonly nowMs: number
  readonly group: string
  readonly member: string
  readonly topic: string
  readonly partition: number
  readonly offset: number
  /** The record's key as its delivery showed it (the entity of a conditional update); `undefined` without one. */
  readonly entity: string | undefined
  readonly effect: EffectOutcome
  /** Whether the answer was `ProcessCrashed` (the process died after its first write). */
  readonly crashed: boolean
}

/** One `EffectsListed` answer, with the clock at its step. */
export interface EffectListing {
  readonly step: number
  readonly nowMs: number
  readonly group: string
  readonly applied: ReadonlyArray<AppliedEffect>
  readonly remembered: ReadonlyArray<RememberedId>
  readonly entities: ReadonlyArray<EntityState>
}

/** The effect outcomes and listings of one history; see the module comment. */
export class EffectHistory {
  readonly events: Array<EffectEvent> = []
  readonly listings: Array<EffectListing> = []
  /** The step of each group's last `Processed` or `ProcessCrashed` (with or without an effect). */
  readonly processingLast = new Map<string, number>()

  /** The outcomes of one group, in history order. */
  eventsOf(group: string): ReadonlyArray<EffectEvent> {
    return this.events.filter((event) => event.group === group)
  }

  /** The group's last listing, if any. */
  lastListing(group: string): EffectListing | undefined {
    for (let i = this.listings.length - 1; i >= 0; i--) if (this.listings[i].group === group) return this.listings[i]
    return undefined
  }

  /** The step of the group's last processing, -1 before any. */
  lastProcessingStep(group: string): number {
    return this.processingLast.get(group) ?? -1
  }
}

/** The effect outcomes and listings the history shows (see {@link EffectHistory}). */
export const effectHistoryOf: (history: History) => EffectHistory = memoByHistory((history) => {
  const effects = new EffectHistory()
  const keys = new Map<string, string | undefined>()
  let nowMs = 0
  history.forEach(({ response }, step) => {
    switch (response._tag) {
      case "ClockAdvanced":
        nowMs = response.nowMs
        return
      case "Polled":
        for (const record of response.records) keys.set(recordKey(record.topic, record.partition, record.offset), record.key)
        return
      case "Processed":
      case "ProcessCrashed": {
        effects.processingLast.set(response.group, step)
        if (response.effect === undefined) return
        const { group, member, topic, partition, offset } = response
        const entity = keys.get(recordKey(topic, partition, offset))
        effects.events.push({ step, nowMs, group, member, topic, partition, offset, entity, effect: response.effect, crashed: response._tag === "ProcessCrashed" })
        return
      }
      case "EffectsListed":
        effects.listings.push({ step, nowMs, ...response })
        return
      default:
        return
    }
  })
  return effects
})

/**
 * Whether this outcome recorded its id's key in an `idempotency-key` store
 * written in `order`: an application that completed, or that crashed after
 * its first write when that write held the key (`atomic`), and a
 * `key-recorded` outcome; an `effect-then-key` application that crashed left
 * its key unwritten.
 */
export const recordsKey = (event: EffectEvent, order: DedupOrder): boolean =>
  event.effect.outcome === "key-recorded" ||
  (event.effect.outcome === "applied" && (!event.crashed || order !== "effect-then-key"))

/** Whether the outcome applied the effect (`applied`, in `Processed` or `ProcessCrashed`). */
export const isApplied = (event: EffectEvent): boolean => event.effect.outcome === "applied"

/** The configured groups with an `idempotency-key` effect whose write order passes `orders` (every order when absent). */
export const idempotencyKeyGroupsOf = (config: Config, orders?: ReadonlyArray<DedupOrder>): ReadonlyArray<GroupConfig> =>
  config.groups.filter((group) =>
    group.effect?.remedy === "idempotency-key" && (orders === undefined || orders.includes(dedupOrderOf(group.effect)))
  )

/** An outcome as messages show it: `orders/0@1 (id "v1", member a)`. */
export const showEvent = (event: EffectEvent): string =>
  `${showRecord(event.topic, event.partition, event.offset)} (id ${JSON.stringify(event.effect.id)}, member ${event.member})`

/** How a group's effect is configured, for messages: `idempotency-key, key-then-effect, window 1000 ms`. */
export const showEffectConfig = (group: GroupConfig): string => {
  const effect = group.effect
  if (effect === undefined) return "no effect"
  if (effect.remedy !== "idempotency-key") return effect.remedy
  return `idempotency-key, ${dedupOrderOf(effect)}, ${effect.dedupWindowMs === undefined ? "no window" : `window ${effect.dedupWindowMs} ms`}`
}

/** Whether an id recorded at `recordedAtMs` is still remembered at `nowMs` under the group's window. */
export const remembered = (group: GroupConfig, recordedAtMs: number, nowMs: number): boolean => {
  const windowMs = group.effect?.dedupWindowMs
  return windowMs === undefined || nowMs < recordedAtMs + windowMs
}
