import { Effect, type Layer } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { serviceStoreMemoryLayer } from "./serviceStoreMemory.ts"
import { ServiceStore, type ServiceStoreShape } from "./serviceStoreShape.ts"
import { serviceStoreSqlLayer } from "./serviceStoreSql.ts"

/**
 * The behaviours every service store layer shares, run against each layer in
 * `layers`: the in-memory one and the SQL one must give the same answers.
 */
const layers: ReadonlyArray<{ readonly name: string; readonly layer: Layer.Layer<ServiceStore, never, never> }> = [
  { name: "memory", layer: serviceStoreMemoryLayer },
  { name: "sql", layer: serviceStoreSqlLayer }
]

describe.each(layers)("service store ($name)", ({ layer }) => {
  const run = <A>(body: (store: ServiceStoreShape) => A | Effect.Effect<A>): Promise<A> =>
    Effect.runPromise(
      Effect.scoped(Effect.gen(function*() {
        const out = body(yield* ServiceStore)
        return Effect.isEffect(out) ? yield* (out as Effect.Effect<A>) : out as A
      })).pipe(Effect.provide(layer))
    )

  it("writes the business row and an unpublished outbox row in one committed transaction", async () => {
    const answers = await run((store) =>
      Effect.gen(function*() {
        const before = store.holds("orders-svc", "e1")
        const committed = store.writeWithOutbox("orders-svc", { event: "e1", key: "k", atMs: 4 }, false)
        const after = store.holds("orders-svc", "e1")
        const listing = store.list("orders-svc")
        return { before, committed, after, listing }
      })
    )
    expect(answers).toEqual({
      before: false,
      committed: true,
      after: true,
      listing: { rows: [{ event: "e1", key: "k", atMs: 4 }], outbox: [{ event: "e1", key: "k", published: false }] }
    })
  })

  it("rolls the outbox transaction back on a crash before the commit: nothing is written, and the event can be written later", async () => {
    const answers = await run((store) =>
      Effect.gen(function*() {
        const committed = store.writeWithOutbox("orders-svc", { event: "e1", atMs: 4 }, true)
        const held = store.holds("orders-svc", "e1")
        const afterCrash = store.list("orders-svc")
        const next = store.nextUnpublished("orders-svc")
        const retried = store.writeWithOutbox("orders-svc", { event: "e1", atMs: 5 }, false)
        const afterRetry = store.list("orders-svc")
        return { committed, held, afterCrash, next, retried, afterRetry }
      })
    )
    expect(answers).toEqual({
      committed: false,
      held: false,
      afterCrash: { rows: [], outbox: [] },
      next: undefined,
      retried: true,
      afterRetry: { rows: [{ event: "e1", atMs: 5 }], outbox: [{ event: "e1", published: false }] }
    })
    expect("key" in answers.afterRetry.rows[0]).toBe(false)
    expect("key" in answers.afterRetry.outbox[0]).toBe(false)
  })

  it("commits a row alone for a dual write, with no outbox row", async () => {
    const answers = await run((store) =>
      Effect.gen(function*() {
        store.commitRow("dual", { event: "e1", key: "k", atMs: 2 })
        const held = store.holds("dual", "e1")
        const next = store.nextUnpublished("dual")
        const listing = store.list("dual")
        return { held, next, listing }
      })
    )
    expect(answers).toEqual({
      held: true,
      next: undefined,
      listing: { rows: [{ event: "e1", key: "k", atMs: 2 }], outbox: [] }
    })
  })

  it("relays the oldest unpublished outbox row first, and nothing once all are published", async () => {
    const answers = await run((store) =>
      Effect.gen(function*() {
        store.writeWithOutbox("s", { event: "zeta", atMs: 1 }, false)
        store.writeWithOutbox("s", { event: "alpha", key: "k", atMs: 2 }, false)
        const first = store.nextUnpublished("s")
        const again = store.nextUnpublished("s")
        store.markPublished("s", "zeta")
        const second = store.nextUnpublished("s")
        const middle = store.list("s")
        store.markPublished("s", "alpha")
        const none = store.nextUnpublished("s")
        const end = store.list("s")
        return { first, again, second, middle, none, end }
      })
    )
    expect(answers.first).toEqual({ event: "zeta", published: false })
    expect(answers.again).toEqual({ event: "zeta", published: false })
    expect(answers.second).toEqual({ event: "alpha", key: "k", published: false })
    expect(answers.middle).toEqual({
      rows: [{ event: "zeta", atMs: 1 }, { event: "alpha", key: "k", atMs: 2 }],
      outbox: [{ event: "zeta", published: true }, { event: "alpha", key: "k", published: false }]
    })
    expect(answers.none).toBeUndefined()
    expect(answers.end.outbox).toEqual([{ event: "zeta", published: true }, { event: "alpha", key: "k", published: true }])
  })

  it("keeps each service's tables apart", async () => {
    const answers = await run((store) =>
      Effect.gen(function*() {
        store.writeWithOutbox("a", { event: "e", atMs: 1 }, false)
        const heldByB = store.holds("b", "e")
        const nextOfB = store.nextUnpublished("b")
        store.commitRow("b", { event: "e", atMs: 2 })
        const listA = store.list("a")
        const listB = store.list("b")
        return { heldByB, nextOfB, listA, listB }
      })
    )
    expect(answers).toEqual({
      heldByB: false,
      nextOfB: undefined,
      listA: { rows: [{ event: "e", atMs: 1 }], outbox: [{ event: "e", published: false }] },
      listB: { rows: [{ event: "e", atMs: 2 }], outbox: [] }
    })
  })

  it("stores keys exactly, lone surrogates and astral characters included", async () => {
    const keys = ["\uD800", "😀", "\uDC00\uD800", "a\u0000b", ""]
    const listing = await run((store) =>
      Effect.gen(function*() {
        for (const [i, key] of keys.entries()) store.writeWithOutbox("s", { event: `e${i}`, key, atMs: i }, false)
        return store.list("s")
      })
    )
    expect(listing.rows.map((row) => row.key)).toEqual(keys)
    expect(listing.outbox.map((row) => row.key)).toEqual(keys)
  })

  it("gives every session fresh tables", async () => {
    await run((store) => store.commitRow("s", { event: "e", atMs: 1 }))
    expect(await run((store) => store.holds("s", "e"))).toBe(false)
  })
})

/** One call of the shape (a write of an event the service holds already is left out: the broker answers `EventExists` before). */
type Operation =
  | { readonly method: "writeWithOutbox"; readonly service: string; readonly event: string; readonly key?: string; readonly crash: boolean }
  | { readonly method: "commitRow"; readonly service: string; readonly event: string; readonly key?: string }
  | { readonly method: "relay"; readonly service: string }
  | { readonly method: "list"; readonly service: string }

const serviceName = fc.constantFrom("s", "t")
const eventName = fc.constantFrom("e1", "e2", "e3", "e4", "e5", "e6")
const key = fc.constantFrom("k", "😀", "\uD800", "")
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ method: fc.constant("writeWithOutbox" as const), service: serviceName, event: eventName, key, crash: fc.boolean() }, {
    requiredKeys: ["method", "service", "event", "crash"]
  }),
  fc.record({ method: fc.constant("commitRow" as const), service: serviceName, event: eventName, key }, {
    requiredKeys: ["method", "service", "event"]
  }),
  fc.record({ method: fc.constant("relay" as const), service: serviceName }),
  fc.record({ method: fc.constant("list" as const), service: serviceName })
)

/** The answers of one layer to a sequence of operations, in order; a relay is `nextUnpublished` then `markPublished` of what it found. */
const answersOf = (layer: Layer.Layer<ServiceStore, never, never>, operations: ReadonlyArray<Operation>) =>
  Effect.runPromise(
    Effect.scoped(Effect.gen(function*() {
      const store = yield* ServiceStore
      const answers: Array<unknown> = []
      for (const [atMs, op] of operations.entries()) {
        switch (op.method) {
          case "writeWithOutbox":
          case "commitRow": {
            const held = store.holds(op.service, op.event)
            answers.push(held)
            if (held) break
            const row = op.key === undefined ? { event: op.event, atMs } : { event: op.event, key: op.key, atMs }
            answers.push(op.method === "commitRow" ? store.commitRow(op.service, row) : store.writeWithOutbox(op.service, row, op.crash))
            break
          }
          case "relay": {
            const next = store.nextUnpublished(op.service)
            answers.push(next)
            if (next !== undefined) store.markPublished(op.service, next.event)
            break
          }
          case "list":
            answers.push(store.list(op.service))
        }
      }
      answers.push(store.list("s"), store.list("t"))
      return answers
    })).pipe(Effect.provide(layer))
  )

describe("the service store layers", () => {
  it("answer every sequence of operations alike", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 40 }), async (operations) => {
        const [first, ...others] = await Promise.all(layers.map(({ layer }) => answersOf(layer, operations)))
        for (const answers of others) expect(answers).toEqual(first)
      }),
      { numRuns: 80, seed: 1 }
    )
  })
})
