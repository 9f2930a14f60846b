import { Effect, Layer } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { type Config, configDefault, validateConfig } from "../../spec/config.ts"
import type { AppliedEffect } from "../../spec/effect.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { effectStoreMemoryLayer } from "./effectStoreMemory.ts"
import { EffectStore, type EffectStoreShape } from "./effectStoreShape.ts"
import { effectStoreSqlLayer } from "./effectStoreSql.ts"

/**
 * The behaviours every effect store layer shares, run against each layer in
 * `layers`: the in-memory one and the SQL one must give the same answers.
 */
const layers: ReadonlyArray<{ readonly name: string; readonly layer: Layer.Layer<EffectStore, never, BrokerConfig> }> = [
  { name: "memory", layer: effectStoreMemoryLayer },
  { name: "sql", layer: effectStoreSqlLayer }
]

const config: Config = {
  ...configDefault,
  groups: [
    { name: "forever", mode: "at-least-once", assignor: "range", topics: ["orders"], effect: { remedy: "idempotency-key" } },
    {
      name: "windowed",
      mode: "at-least-once",
      assignor: "range",
      topics: ["orders"],
      effect: { remedy: "idempotency-key", dedupWindowMs: 1000 }
    },
    { name: "versions", mode: "at-least-once", assignor: "range", topics: ["orders"], effect: { remedy: "conditional-update" } },
    { name: "naive", mode: "at-least-once", assignor: "range", topics: ["orders"], effect: { remedy: "none" } }
  ]
}

/** Strings JavaScript sorts by code unit: an astral character (a surrogate pair) sorts before U+FFFD, lone surrogates included. */
const awkward = ["\uFFFD", "😀", "\uD800", "\uDC00x", "a", "", "é", "a\u0000b"]

const effect = (id: string, atMs: number, entity?: string): AppliedEffect =>
  entity === undefined ? { id, atMs } : { id, entity, atMs }

describe.each(layers)("effect store ($name)", ({ layer }) => {
  const run = <A>(body: (store: EffectStoreShape) => A | Effect.Effect<A>): Promise<A> =>
    Effect.runPromise(
      Effect.scoped(Effect.gen(function*() {
        const out = body(yield* EffectStore)
        return Effect.isEffect(out) ? yield* (out as Effect.Effect<A>) : out as A
      })).pipe(
        Effect.provide(layer.pipe(Layer.provide(BrokerConfig.layerFor(config))))
      )
    )

  it("has a valid config", () => {
    expect(validateConfig(config)).toBeUndefined()
  })

  it("appends applied effects in application order, with or without an entity, the same id twice included", async () => {
    const listing = await run((store) =>
      Effect.gen(function*() {
        store.apply("naive", effect("b", 5))
        store.apply("naive", effect("a", 7, "k"))
        store.apply("naive", effect("b", 9))
        return store.list("naive", 10)
      })
    )
    expect(listing).toEqual({
      applied: [{ id: "b", atMs: 5 }, { id: "a", entity: "k", atMs: 7 }, { id: "b", atMs: 9 }],
      remembered: [],
      entities: []
    })
    expect("entity" in listing.applied[0]).toBe(false)
  })

  it("remembers an id forever without a window", async () => {
    const answers = await run((store) =>
      Effect.gen(function*() {
        const before = store.remembers("forever", effect("m", 3))
        store.remember("forever", effect("m", 3))
        const later = store.remembers("forever", effect("m", 1_000_000_000_000))
        const other = store.remembers("forever", effect("n", 4))
        const listing = store.list("forever", 1_000_000_000_000)
        return { before, later, other, listing }
      })
    )
    expect(answers).toEqual({
      before: false,
      later: true,
      other: false,
      listing: { applied: [], remembered: [{ id: "m", atMs: 3 }], entities: [] }
    })
  })

  it("remembers an id while nowMs < recordedAtMs + dedupWindowMs, and a new recording replaces the old", async () => {
    const answers = await run((store) =>
      Effect.gen(function*() {
        store.remember("windowed", effect("m", 100))
        const last = store.remembers("windowed", effect("m", 1099))
        const expired = store.remembers("windowed", effect("m", 1100))
        const listedLast = store.list("windowed", 1099)
        const listedExpired = store.list("windowed", 1100)
        store.remember("windowed", effect("m", 1500))
        const again = store.remembers("windowed", effect("m", 2499))
        const listedAgain = store.list("windowed", 2000)
        return { last, expired, listedLast, listedExpired, again, listedAgain }
      })
    )
    expect(answers.last).toBe(true)
    expect(answers.expired).toBe(false)
    expect(answers.listedLast.remembered).toEqual([{ id: "m", atMs: 100 }])
    expect(answers.listedExpired.remembered).toEqual([])
    expect(answers.again).toBe(true)
    expect(answers.listedAgain.remembered).toEqual([{ id: "m", atMs: 1500 }])
  })

  it("applyAndRemember appends and remembers", async () => {
    const listing = await run((store) =>
      Effect.gen(function*() {
        store.applyAndRemember("windowed", effect("x", 10, "k"))
        return store.list("windowed", 20)
      })
    )
    expect(listing).toEqual({
      applied: [{ id: "x", entity: "k", atMs: 10 }],
      remembered: [{ id: "x", atMs: 10 }],
      entities: []
    })
  })

  it("compareAndSet applies only the next version of an entity, and appends only what it applied", async () => {
    const answers = await run((store) =>
      Effect.gen(function*() {
        const first = store.compareAndSet("versions", { id: "v1", entity: "k", atMs: 1 }, 1, "one")
        const repeat = store.compareAndSet("versions", { id: "v1", entity: "k", atMs: 2 }, 1, "one")
        const gap = store.compareAndSet("versions", { id: "v3", entity: "k", atMs: 3 }, 3, "three")
        const second = store.compareAndSet("versions", { id: "v2", entity: "k", atMs: 4 }, 2, "two")
        const otherFirst = store.compareAndSet("versions", { id: "w2", entity: "j", atMs: 5 }, 2, "two")
        const listing = store.list("versions", 6)
        return { first, repeat, gap, second, otherFirst, listing }
      })
    )
    expect(answers.first).toEqual({ applied: true, versionBefore: 0 })
    expect(answers.repeat).toEqual({ applied: false, versionBefore: 1 })
    expect(answers.gap).toEqual({ applied: false, versionBefore: 1 })
    expect(answers.second).toEqual({ applied: true, versionBefore: 1 })
    expect(answers.otherFirst).toEqual({ applied: false, versionBefore: 0 })
    expect(answers.listing).toEqual({
      applied: [{ id: "v1", entity: "k", atMs: 1 }, { id: "v2", entity: "k", atMs: 4 }],
      remembered: [],
      entities: [{ entity: "k", version: 2, value: "two" }]
    })
  })

  it("keeps each group's ledger, ids and entities apart", async () => {
    const answers = await run((store) =>
      Effect.gen(function*() {
        store.applyAndRemember("forever", effect("m", 1))
        store.compareAndSet("versions", { id: "m", entity: "k", atMs: 1 }, 1, "v")
        const windowed = store.remembers("windowed", effect("m", 2))
        const naive = store.list("naive", 2)
        const forever = store.list("forever", 2)
        const forEntities = store.list("windowed", 2)
        return { windowed, naive, forever, forEntities }
      })
    )
    expect(answers.windowed).toBe(false)
    expect(answers.naive).toEqual({ applied: [], remembered: [], entities: [] })
    expect(answers.forever.entities).toEqual([])
    expect(answers.forEntities).toEqual({ applied: [], remembered: [], entities: [] })
  })

  it("stores any string exactly and lists ids by atMs then id, entities by entity, in JavaScript's code-unit order", async () => {
    const listing = await run((store) =>
      Effect.gen(function*() {
        for (const text of awkward) {
          store.remember("forever", effect(text, 7))
          store.compareAndSet("versions", { id: text, entity: text, atMs: 7 }, 1, text)
        }
        store.remember("forever", effect("late", 8))
        store.remember("forever", effect("zearly", 6))
        const ids = store.list("forever", 9)
        const entities = store.list("versions", 9)
        return { ids, entities }
      })
    )
    const sorted = [...awkward].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    expect(sorted.indexOf("😀")).toBeLessThan(sorted.indexOf("\uFFFD"))
    expect(listing.ids.remembered).toEqual([
      { id: "zearly", atMs: 6 },
      ...sorted.map((id) => ({ id, atMs: 7 })),
      { id: "late", atMs: 8 }
    ])
    expect(listing.entities.entities).toEqual(sorted.map((text) => ({ entity: text, version: 1, value: text })))
    expect(listing.entities.applied.map((applied) => applied.id)).toEqual(awkward)
  })

  it("gives every session a fresh store", async () => {
    await run((store) => store.apply("naive", effect("a", 1)))
    expect(await run((store) => store.list("naive", 1))).toEqual({ applied: [], remembered: [], entities: [] })
  })
})

/** One call of the shape, with the time it is made at (times only grow along a sequence). */
type Operation =
  | { readonly method: "remembers" | "remember" | "apply" | "applyAndRemember"; readonly group: string; readonly id: string; readonly entity?: string; readonly dtMs: number }
  | { readonly method: "compareAndSet"; readonly group: string; readonly id: string; readonly entity: string; readonly version: number; readonly value: string; readonly dtMs: number }
  | { readonly method: "list"; readonly group: string; readonly dtMs: number }

const text = fc.constantFrom("a", "b", "😀", "\uD800", "\uFFFD", "")
const groupName = fc.constantFrom(...config.groups.map((group) => group.name))
/** Mostly small steps, so ids pile up in a window, sometimes a step to a window's edge. */
const dtMs = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(996, 999, 1000) })
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    method: fc.constantFrom("remembers" as const, "remember" as const, "apply" as const, "applyAndRemember" as const),
    group: groupName,
    id: text,
    entity: text,
    dtMs
  }, { requiredKeys: ["method", "group", "id", "dtMs"] }),
  fc.record({
    method: fc.constant("compareAndSet" as const),
    group: groupName,
    id: text,
    entity: text,
    version: fc.integer({ min: 1, max: 3 }),
    value: text,
    dtMs
  }),
  fc.record({ method: fc.constant("list" as const), group: groupName, dtMs })
)

/** The answers of one layer to a sequence of operations, in order. */
const answersOf = (layer: Layer.Layer<EffectStore, never, BrokerConfig>, operations: ReadonlyArray<Operation>) =>
  Effect.runPromise(
    Effect.scoped(Effect.gen(function*() {
      const store = yield* EffectStore
      const answers: Array<unknown> = []
      let nowMs = 0
      for (const op of operations) {
        nowMs += op.dtMs
        switch (op.method) {
          case "list":
            answers.push(store.list(op.group, nowMs))
            break
          case "compareAndSet":
            answers.push(store.compareAndSet(op.group, { id: op.id, entity: op.entity, atMs: nowMs }, op.version, op.value))
            break
          default:
            answers.push(store[op.method](op.group, effect(op.id, nowMs, op.entity)))
        }
      }
      for (const group of config.groups) answers.push(store.list(group.name, nowMs))
      return answers
    })).pipe(Effect.provide(layer.pipe(Layer.provide(BrokerConfig.layerFor(config)))))
  )

describe("the effect store layers", () => {
  it("answer every sequence of operations alike", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 10, maxLength: 60 }), async (operations) => {
        const [first, ...others] = await Promise.all(layers.map(({ layer }) => answersOf(layer, operations)))
        for (const answers of others) expect(answers).toEqual(first)
      }),
      { numRuns: 80, seed: 1 }
    )
  })
})
