/**
 * The downstream dependency of each group with a `failure` config (the
 * database or service its processing calls): up or down. `DownstreamDown`
 * and `DownstreamUp` are faults of the run that set it; every attempt that
 * calls it while it is down fails with cause `downstream`.
 *
 * @module
 */
import { Context, Effect, Layer, Ref } from "effect"

/** The groups' downstreams (every method names a group; a group never set is up). */
export interface DownstreamShape {
  /** Whether a call to the group's downstream succeeds now. */
  readonly isUp: (group: string) => Effect.Effect<boolean>
  /** Takes the group's downstream down (`false`) or brings it back (`true`); setting it as it is changes nothing. */
  readonly set: (group: string, up: boolean) => Effect.Effect<void>
}

/** Every downstream up: the set of groups whose downstream is down, empty. */
export const makeDownstream: Effect.Effect<DownstreamShape> = Effect.gen(function*() {
  const down = yield* Ref.make<ReadonlySet<string>>(new Set())
  return {
    isUp: (group) => Effect.map(Ref.get(down), (groups) => !groups.has(group)),
    set: (group, up) =>
      Ref.update(down, (groups) => {
        if (groups.has(group) === !up) return groups
        const next = new Set(groups)
        if (up) next.delete(group)
        else next.add(group)
        return next
      })
  }
})

/** The groups' downstream dependencies. */
export class Downstream extends Context.Service<Downstream, DownstreamShape>()("qsem/impl/Downstream") {
  /** Every downstream up. */
  static readonly layer: Layer.Layer<Downstream> = Layer.effect(Downstream, makeDownstream)
}
