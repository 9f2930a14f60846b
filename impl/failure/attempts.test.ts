import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { ProcessAttempts } from "./attempts.ts"

describe("ProcessAttempts", () => {
  it("keeps counts per client and place; forgetting a place or a client drops only theirs", async () => {
    const program = Effect.gen(function*() {
      const attempts = yield* ProcessAttempts
      attempts.set("g", "m", "t", 0, 1, { count: 2, retryAtMs: 300 })
      attempts.set("g", "m", "t", 0, 2, { count: 1, retryAtMs: undefined })
      attempts.set("g", "o", "t", 0, 1, { count: 1, retryAtMs: 100 })
      attempts.set("h", "m", "t", 0, 1, { count: 3, retryAtMs: 900 })
      const before = [attempts.of("g", "m", "t", 0, 1), attempts.of("g", "m", "t", 1, 1), attempts.of("g", "m", "u", 0, 1)]
      attempts.forget("g", "m", "t", 0, 2)
      attempts.forgetClient("g", "o")
      const after = [
        attempts.of("g", "m", "t", 0, 1),
        attempts.of("g", "m", "t", 0, 2),
        attempts.of("g", "o", "t", 0, 1),
        attempts.of("h", "m", "t", 0, 1)
      ]
      return { before, after }
    }).pipe(Effect.provide(ProcessAttempts.layer))
    expect(await Effect.runPromise(program)).toStrictEqual({
      before: [{ count: 2, retryAtMs: 300 }, undefined, undefined],
      after: [{ count: 2, retryAtMs: 300 }, undefined, undefined, { count: 3, retryAtMs: 900 }]
    })
  })
})
