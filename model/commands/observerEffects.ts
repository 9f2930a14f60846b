/**
 * `ObserverEffects`: a group's effect store, as a query against the external
 * system lists it. Changes nothing.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { effectsOf } from "../query.ts"
import type { ModelState, Transition } from "../state.ts"

/**
 * Runs `ObserverEffects`: `UnknownGroup`; answers `EffectsListed`: the ledger
 * in application order, the ids remembered at `nowMs` (expired ones left
 * out) by `atMs` then id, the entities by entity; three empty lists for a
 * group without an effect (see `effectsOf`).
 */
export const observerEffects = (state: ModelState, command: CommandOf<"ObserverEffects">): Transition => {
  const group = command.group
  const effects = effectsOf(state, group)
  if (effects === undefined) return { state, response: { _tag: "UnknownGroup", group } }
  return { state, response: { _tag: "EffectsListed", group, applied: effects.applied, remembered: effects.remembered, entities: effects.entities } }
}
