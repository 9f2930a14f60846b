import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { builtinTarget } from "./builtin.ts"
import { heartbeat, join, tp } from "./internal/testCommands.ts"
import { singleGroup } from "./internal/testRun.ts"

describe("Broker", () => {
  it("runs concurrent calls of execute one at a time: no join is lost", async () => {
    const target = builtinTarget
    const [joined, beat] = await Effect.runPromise(
      Effect.gen(function*() {
        const session = yield* target.open(singleGroup(4))
        const joined = yield* Effect.all(["a", "b", "c", "d"].map((member) => session.execute(join("g", member))), {
          concurrency: "unbounded"
        })
        return [joined, yield* session.execute(heartbeat("g", "a"))] as const
      }).pipe(Effect.scoped, Effect.provide(TestClock.layer()))
    )
    expect(joined.map((response) => response._tag === "Joined" && response.generation)).toStrictEqual([1, 2, 3, 4])
    expect(beat).toStrictEqual({
      _tag: "RebalanceInProgress",
      group: "g",
      member: "a",
      generation: 4,
      assignment: [tp("t", 0)]
    })
  })
})
