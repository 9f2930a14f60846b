/**
 * `ObserverEffects`: 1. `UnknownGroup`; 2. answer `EffectsListed`: the
 * group's ledger in application order, the ids it remembers at `nowMs`
 * (by `atMs`, then id) and its entities (by entity); three empty lists for a
 * group without an effect. Changes nothing.
 *
 * @module
 */
import type { Handler } from "./handler.ts"

/** The `ObserverEffects` handler. */
export const observerEffects: Handler<"ObserverEffects", "EffectsListed"> = (s, { group }) => {
  const { clock, config, effectStore: store } = s
  config.requireGroup(group)
  const { applied, entities, remembered } = store.list(group, clock.nowMs())
  return { _tag: "EffectsListed", group, applied, remembered, entities }
}

