/**
 * The built-in broker as a Target, and the constructor the mutants share.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import { Broker } from "./broker.ts"
import { brokerLayer, type BrokerLayers } from "./brokerLayer.ts"
import type { Target } from "./target.ts"

/**
 * A Target named `name` whose sessions are fresh brokers built from the real
 * services, with any of them replaced by `overrides`. Each `open` builds its
 * own layers (a fresh memo map, so sessions never share state), inside the
 * caller's scope, and reads the caller's Clock as the broker's time origin.
 * `open` dies with `validateConfig`'s message for a malformed config (a
 * programming error, as in the model).
 *
 * @example
 * ```ts
 * const target = makeBrokerTarget("mutant:shared-offsets", { offsetStore: offsetStoreSharedLayer })
 * ```
 */
export const makeBrokerTarget = (name: string, overrides: Partial<BrokerLayers> = {}): Target => ({
  name,
  open: (config) =>
    Effect.gen(function*() {
      const memoMap = yield* Layer.makeMemoMap
      const scope = yield* Effect.scope
      const context = yield* Layer.buildWithMemoMap(brokerLayer(config, overrides), memoMap, scope)
      const broker = Context.get(context, Broker)
      return { execute: broker.execute }
    })
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
