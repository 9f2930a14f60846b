/**
 * `mutant:effect-applied-twice`: the classic "retry wrapper around a
 * non-idempotent call" bug. The exactly-once pipeline's external call (a
 * charge) is wrapped in a retry that re-runs it when its answer is slow,
 * although the first attempt had landed: each application in an
 * exactly-once group's effect store writes two ledger entries. Breaks
 * `ExactlyOnceStopsAtExternalEffects` (one ledger entry per `applied`
 * outcome).
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { BrokerConfig } from "../brokerConfig.ts"
import { makeBrokerTarget } from "../builtin.ts"
import { makeEffectStoreMemory } from "../effect/effectStoreMemory.ts"
import { EffectStore } from "../effect/effectStoreShape.ts"
import type { Target } from "../target.ts"

/** An effect store whose `apply` runs twice for the groups of mode `exactly-once`. */
export const effectStoreRetryingLayer = Layer.effect(
  EffectStore,
  Effect.gen(function*() {
    const { config } = yield* BrokerConfig
    const exactlyOnce = new Set(config.groups.filter((group) => group.mode === "exactly-once").map((group) => group.name))
    const store = yield* makeEffectStoreMemory
    return {
      ...store,
      apply: (group, effect) => {
        store.apply(group, effect)
        if (exactlyOnce.has(group)) store.apply(group, effect)
      }
    }
  })
)

/** The built-in broker with {@link effectStoreRetryingLayer}: an exactly-once group's effect lands twice per application. */
export const effectAppliedTwice: Target = makeBrokerTarget("mutant:effect-applied-twice", { effectStore: effectStoreRetryingLayer })
