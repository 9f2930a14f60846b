/**
 * The downstream dependency of each group with a `failure` config (the
 * database or service its processing calls): up or down. `DownstreamDown`
 * and `DownstreamUp` are faults of the run that set it; every attempt that
 * calls it while it is down fails with cause `downstream`.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"

/** The groups' downstreams (every method names a group; a group never set is up). */
export interface DownstreamShape {
  /** Whether a call to the group's downstream succeeds now. */
  readonly isUp: (group: string) => boolean
  /** Takes the group's downstream down (`false`) or brings it back (`true`); setting it as it is changes nothing. */
  readonly set: (group: string, up: boolean) => void
}

/** Every downstream up: the set of groups whose downstream is down, empty. */
export const downstreamOf = (): DownstreamShape => {
  const down = new Set<string>()
  return {
    isUp(group) {
      return !down.has(group)
    },
    set(group, up) {
      if (up) down.delete(group)
      else down.add(group)
    }
  }
}

/** {@link downstreamOf}, as an Effect. */
export const makeDownstream: Effect.Effect<DownstreamShape> = Effect.sync(downstreamOf)

/** The groups' downstream dependencies. */
export class Downstream extends Context.Service<Downstream, DownstreamShape>()("qsem/impl/Downstream") {
  /** Every downstream up. */
  static readonly layer: Layer.Layer<Downstream> = Layer.effect(Downstream, makeDownstream)
}
