/**
 * An in-memory effect store configured with other dedup windows than the
 * config's (a misconfigured TTL of the dedup store): what the window mutants
 * are made of.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import type { EffectConfig } from "../../../spec/config.ts"
import { BrokerConfig, indexConfig } from "../../brokerConfig.ts"
import { makeEffectStoreMemory } from "../../effect/effectStoreMemory.ts"
import { EffectStore } from "../../effect/effectStoreShape.ts"

/**
 * The in-memory effect store built as if each group's `dedupWindowMs` were
 * `windowOf` of it (`undefined`: remembered forever).
 */
export const effectStoreWindowedLayer = (windowOf: (windowMs: number | undefined) => number | undefined) =>
  Layer.effect(
    EffectStore,
    Effect.gen(function*() {
      const { config } = yield* BrokerConfig
      const groups = config.groups.map((group) => {
        if (group.effect === undefined) return group
        const { dedupWindowMs, ...rest } = group.effect
        const windowMs = windowOf(dedupWindowMs)
        const effect: EffectConfig = windowMs === undefined ? rest : { ...rest, dedupWindowMs: windowMs }
        return { ...group, effect }
      })
      return yield* Effect.provideService(makeEffectStoreMemory, BrokerConfig, indexConfig({ ...config, groups }))
    })
  )
