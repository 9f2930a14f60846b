/**
 * Comparing a group's ledger (an `EffectsListed` answer's `applied` list)
 * with the `applied` outcomes the answers reported before it.
 *
 * @module
 */
import type { EffectEvent, EffectListing } from "./effects.ts"

/**
 * The first id whose number of ledger entries differs from the number of
 * `applied` outcomes of the group's answers before the listing, in one
 * clause (`holds 2 entries of id "v0", but the answers report 1 applied
 * outcome of it (step 7)`), or `undefined` when every id matches.
 */
export const ledgerMismatchOf = (listing: EffectListing, events: ReadonlyArray<EffectEvent>): string | undefined => {
  const reported = new Map<string, Array<number>>()
  for (const event of events) {
    if (event.step >= listing.step || event.effect.outcome !== "applied") continue
    let steps = reported.get(event.effect.id)
    if (steps === undefined) reported.set(event.effect.id, (steps = []))
    steps.push(event.step)
  }
  const listed = new Map<string, number>()
  for (const entry of listing.applied) listed.set(entry.id, (listed.get(entry.id) ?? 0) + 1)
  for (const id of new Set([...reported.keys(), ...listed.keys()])) {
    const steps = reported.get(id) ?? []
    const entries = listed.get(id) ?? 0
    if (steps.length === entries) continue
    const where = steps.length === 0 ? "" : ` (step${steps.length === 1 ? "" : "s"} ${steps.map((step) => step + 1).join(", ")})`
    return `holds ${entries} entr${entries === 1 ? "y" : "ies"} of id ${JSON.stringify(id)}, but the answers report ${steps.length} applied outcome${
      steps.length === 1 ? "" : "s"
    } of it${where}`
  }
  return undefined
}
