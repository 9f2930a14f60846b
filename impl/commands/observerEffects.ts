/**
 * `ObserverEffects`: 1. `UnknownGroup`; 2. answer `EffectsListed`: the
 * group's ledger in application order, the ids it remembers at `nowMs`
 * (by `atMs`, then id) and its entities (by entity); three empty lists for a
 * group without an effect. Changes nothing.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerClock } from "../brokerClock.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { EffectStore } from "../effect/effectStoreShape.ts"
import type { Handler } from "./handler.ts"

/** The `ObserverEffects` handler. */
export const makeObserverEffects = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const clock = yield* BrokerClock
  const store = yield* EffectStore
  const handler: Handler<"ObserverEffects", "EffectsListed"> = ({ group }) => {
    config.requireGroup(group)
    const { applied, entities, remembered } = store.list(group, clock.nowMs())
    return { _tag: "EffectsListed", group, applied, remembered, entities }
  }
  return handler
})
