/**
 * `mutant:dedup-by-entity`: the dedup store is keyed by the record's key
 * (the entity: an order id, a user id) instead of the message id, the
 * classic confusion of "this entity was handled" with "this message was
 * handled". A second, distinct message about the same entity is skipped as a
 * duplicate and its effect lost. Breaks `DedupKeyFirstCanLoseEffects`
 * (a skip with no earlier application or recording of its id).
 *
 * @module
 */
import { Effect, Layer } from "effect"
import type { AppliedEffect } from "../../spec/effect.ts"
import { makeBrokerTarget } from "../builtin.ts"
import { makeEffectStoreMemory } from "../effect/effectStoreMemory.ts"
import { EffectStore } from "../effect/effectStoreShape.ts"
import type { Target } from "../target.ts"

/** The dedup key the broken store uses: the entity, when the record has one. */
const dedupKeyOf = (effect: AppliedEffect): AppliedEffect => effect.entity === undefined ? effect : { ...effect, id: effect.entity }

/** An effect store that remembers and checks records by entity; the ledger still holds the message ids. */
export const effectStoreByEntityLayer = Layer.effect(
  EffectStore,
  Effect.map(makeEffectStoreMemory, (store) => ({
    ...store,
    remembers: (group, effect) => store.remembers(group, dedupKeyOf(effect)),
    remember: (group, effect) => store.remember(group, dedupKeyOf(effect)),
    applyAndRemember: (group, effect) => {
      store.apply(group, effect)
      store.remember(group, dedupKeyOf(effect))
    }
  }))
)

/** The built-in broker with {@link effectStoreByEntityLayer}. */
export const dedupByEntity: Target = makeBrokerTarget("mutant:dedup-by-entity", { effectStore: effectStoreByEntityLayer })
