/**
 * The effect store in memory (the default layer, for lockstep speed): per
 * group, the ledger of applied effects, the ids its `idempotency-key` remedy
 * remembers with when each was recorded, and the entities of its
 * `conditional-update` remedy. Each method runs as one atomic update, as one
 * transaction of the external system would.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import type { AppliedEffect, EntityState, RememberedId } from "../../spec/effect.ts"
import { BrokerConfig, type BrokerConfigShape } from "../brokerConfig.ts"
import * as AppendLog from "../internal/appendLog.ts"
import { type CompareAndSetResult, EffectStore, type EffectStoreShape } from "./effectStoreShape.ts"
import { compareCodeUnits } from "../internal/compareCodeUnits.ts"

/** One group's tables. */
interface GroupEffects {
  readonly ledger: AppendLog.AppendLog<AppliedEffect>
  /** When each remembered id was last recorded. */
  readonly remembered: ReadonlyMap<string, number>
  readonly entities: ReadonlyMap<string, { readonly version: number; readonly value: string }>
}

const groupEmpty: GroupEffects = { ledger: AppendLog.empty(), remembered: new Map(), entities: new Map() }

/** The ledger entry of an effect, fields in the spec's order (no `entity` key when it has none). */
const entryOf = (effect: AppliedEffect): AppliedEffect =>
  effect.entity === undefined ? { id: effect.id, atMs: effect.atMs } : { id: effect.id, entity: effect.entity, atMs: effect.atMs }

const applied = (tables: GroupEffects, effect: AppliedEffect): GroupEffects => ({
  ...tables,
  ledger: AppendLog.append(tables.ledger, entryOf(effect))
})

const remembered = (tables: GroupEffects, effect: AppliedEffect): GroupEffects => ({
  ...tables,
  remembered: new Map(tables.remembered).set(effect.id, effect.atMs)
})

/**
 * Builds an empty in-memory effect store. Each group's dedup window is its
 * `effect.dedupWindowMs` in the `BrokerConfig` it is built with (none:
 * remembered forever).
 */
export const effectStoreMemoryOf = ({ config }: BrokerConfigShape): EffectStoreShape => {
  const windows = new Map<string, number>()
  for (const group of config.groups) {
    const windowMs = group.effect?.dedupWindowMs
    if (windowMs !== undefined) windows.set(group.name, windowMs)
  }
  const stores = new Map<string, GroupEffects>()

  /** Whether an id recorded at `recordedAtMs` is still remembered at `nowMs`. */
  const live = (group: string, recordedAtMs: number, nowMs: number): boolean => {
    const windowMs = windows.get(group)
    return windowMs === undefined || nowMs < recordedAtMs + windowMs
  }
  const read = (group: string): GroupEffects => stores.get(group) ?? groupEmpty
  const modify = <A>(group: string, f: (tables: GroupEffects) => readonly [A, GroupEffects]): A => {
    const [answer, next] = f(read(group))
    stores.set(group, next)
    return answer
  }
  const update = (group: string, f: (tables: GroupEffects) => GroupEffects): void => {
    stores.set(group, f(read(group)))
  }

  return {
    remembers(group, effect) {
      const recordedAtMs = read(group).remembered.get(effect.id)
      return recordedAtMs !== undefined && live(group, recordedAtMs, effect.atMs)
    },
    remember(group, effect) {
      return update(group, (tables) => remembered(tables, effect))
    },
    apply(group, effect) {
      return update(group, (tables) => applied(tables, effect))
    },
    applyAndRemember(group, effect) {
      return update(group, (tables) => remembered(applied(tables, effect), effect))
    },
    compareAndSet(group, effect, version, value) {
      return modify(group, (tables): readonly [CompareAndSetResult, GroupEffects] => {
        const versionBefore = tables.entities.get(effect.entity)?.version ?? 0
        if (versionBefore !== version - 1) return [{ applied: false, versionBefore }, tables]
        const entities = new Map(tables.entities).set(effect.entity, { version, value })
        return [{ applied: true, versionBefore }, { ...applied(tables, effect), entities }]
      })
    },
    list(group, nowMs) {
      const tables = read(group)
      const ids: Array<RememberedId> = []
      for (const [id, atMs] of tables.remembered) if (live(group, atMs, nowMs)) ids.push({ id, atMs })
      ids.sort((a, b) => a.atMs - b.atMs || compareCodeUnits(a.id, b.id))
      const entities: Array<EntityState> = []
      for (const [entity, { value, version }] of tables.entities) entities.push({ entity, version, value })
      entities.sort((a, b) => compareCodeUnits(a.entity, b.entity))
      return { applied: AppendLog.slice(tables.ledger, 0, tables.ledger.length), remembered: ids, entities }
    }
  }
}

/** {@link effectStoreMemoryOf} the broker's config, as an Effect. */
export const makeEffectStoreMemory: Effect.Effect<EffectStoreShape, never, BrokerConfig> = Effect.gen(function*() {
  return effectStoreMemoryOf(yield* BrokerConfig)
})

/** The effect stores in memory, empty; the windows come from the broker's config. */
export const effectStoreMemoryLayer: Layer.Layer<EffectStore, never, BrokerConfig> = Layer.effect(
  EffectStore,
  makeEffectStoreMemory
)
