/**
 * `mutant:cas-ignores-version`: the conditional update lost its condition
 * (`UPDATE entity SET value = ?, version = version + 1 WHERE id = ?`, without
 * `AND version = ?`): every update applies whatever the entity's version, so
 * a redelivered or stale message overwrites newer state. Breaks
 * `ConditionalUpdatesApplyOnceInOrder`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { makeEffectStoreMemory } from "../effect/effectStoreMemory.ts"
import { EffectStore } from "../effect/effectStoreShape.ts"
import type { Target } from "../target.ts"

/** An effect store whose compare-and-set always sets: the entity's version goes up by one and takes the value. */
export const effectStoreUnconditionalLayer = Layer.effect(
  EffectStore,
  Effect.map(makeEffectStoreMemory, (store) => ({
    ...store,
    compareAndSet: (group, effect, _version, value) => {
      // The entity's current version, read without a condition on it: the update then always matches.
      const { entities } = store.list(group, effect.atMs)
      const versionBefore = entities.find((entity) => entity.entity === effect.entity)?.version ?? 0
      return store.compareAndSet(group, effect, versionBefore + 1, value)
    }
  }))
)

/** The built-in broker with {@link effectStoreUnconditionalLayer}. */
export const casIgnoresVersion: Target = makeBrokerTarget("mutant:cas-ignores-version", { effectStore: effectStoreUnconditionalLayer })
