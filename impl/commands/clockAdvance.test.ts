import { Cause, Effect, Exit } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import type { Response } from "../../spec/response.ts"
import { builtinTarget } from "../builtin.ts"
import { advance } from "../internal/testCommands.ts"
import { singleGroup } from "../internal/testRun.ts"

/** Opens a broker under a TestClock; per step, moves the Clock by `moveMs`, then hands over `ClockAdvance(ms)`. */
const advances = (steps: ReadonlyArray<{ readonly moveMs: number; readonly ms: number }>) =>
  Effect.runPromise(
    Effect.exit(
      Effect.gen(function*() {
        const session = yield* builtinTarget.open(singleGroup(1))
        const responses: Array<Response> = []
        for (const { moveMs, ms } of steps) {
          yield* TestClock.adjust(moveMs)
          responses.push(yield* session.execute(advance(ms)))
        }
        return responses
      }).pipe(Effect.scoped, Effect.provide(TestClock.layer()))
    )
  )

const defectOf = (exit: Exit.Exit<unknown>): unknown => {
  if (Exit.isSuccess(exit)) return undefined
  const defect = Cause.findDefect(exit.cause)
  return defect._tag === "Success" ? defect.success : undefined
}

describe("ClockAdvance", () => {
  it("reports the time the harness moved the Clock to, step after step", async () => {
    const exit = await advances([{ moveMs: 5, ms: 5 }, { moveMs: 0, ms: 0 }, { moveMs: 7, ms: 7 }])
    expect(exit).toStrictEqual(
      Exit.succeed([
        { _tag: "ClockAdvanced", nowMs: 5, expired: [], rebalanced: [] },
        { _tag: "ClockAdvanced", nowMs: 5, expired: [], rebalanced: [] },
        { _tag: "ClockAdvanced", nowMs: 12, expired: [], rebalanced: [] }
      ])
    )
  })

  it("dies when the harness did not move the Clock before ClockAdvance", async () => {
    const defect = defectOf(await advances([{ moveMs: 0, ms: 5 }]))
    expect(defect).toBeInstanceOf(Error)
    expect((defect as Error).message).toBe(
      "the harness did not move the Clock by 5 ms before ClockAdvance (the broker's time is 0 ms, expected 5 ms); see impl/target.ts"
    )
  })

  it("dies when the Clock moved by another amount, counting from the previous ClockAdvance", async () => {
    const defect = defectOf(await advances([{ moveMs: 5, ms: 5 }, { moveMs: 4, ms: 3 }]))
    expect((defect as Error).message).toBe(
      "the harness did not move the Clock by 3 ms before ClockAdvance (the broker's time is 9 ms, expected 8 ms); see impl/target.ts"
    )
  })
})
