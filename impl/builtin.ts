/**
 * The built-in broker as a Target, and the constructor the mutants share.
 *
 * @module
 */
import { Effect } from "effect"
import { brokerOf } from "./broker.ts"
import { type BrokerLayers, buildServices } from "./brokerLayer.ts"
import type { Target } from "./target.ts"

/**
 * A Target named `name` whose sessions are fresh brokers built from the real
 * services, with any of them replaced by `overrides` (see `buildServices`:
 * the real services by their plain constructors, a replaced one by building
 * its layer with a fresh memo map, so sessions never share state), inside
 * the caller's scope, and reads the caller's Clock as the broker's time
 * origin. `open` dies with `validateConfig`'s message for a malformed config
 * (a programming error, as in the model).
 *
 * @example
 * ```ts
 * const target = makeBrokerTarget("mutant:shared-offsets", { offsetStore: offsetStoreSharedLayer })
 * ```
 */
export const makeBrokerTarget = (name: string, overrides: Partial<BrokerLayers> = {}): Target => ({
  name,
  open: (config) => Effect.map(buildServices(config, overrides), (services) => ({ execute: brokerOf(services).execute }))
})

/**
 * The built-in broker, written with Effect.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { TestClock } from "effect/testing"
 *
 * const program = Effect.gen(function*() {
 *   const session = yield* builtinTarget.open(configDefault)
 *   yield* session.execute({ _tag: "ProducerSend", producer: "p", topic: "orders", value: "v" })
 *   yield* TestClock.adjust(1000) // then hand the broker the matching ClockAdvance
 *   return yield* session.execute({ _tag: "ClockAdvance", ms: 1000 })
 * }).pipe(Effect.scoped, Effect.provide(TestClock.layer()))
 * ```
 */
export const builtinTarget: Target = makeBrokerTarget("builtin")
