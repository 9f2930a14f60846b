import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { configDefault } from "../../spec/config.ts"
import { builtinTarget } from "../../impl/index.ts"
import type { Target } from "../../impl/target.ts"
import { checkTarget } from "../check/checkTarget.ts"
import { replayTrace } from "./replayTrace.ts"

/** The real broker, except that every session dies on its third poll. */
const diesOnThirdPoll: Target = {
  name: "dies-on-third-poll",
  open: (config) =>
    Effect.map(builtinTarget.open(config), (session) => {
      let polls = 0
      return {
        execute: (command) =>
          command._tag === "ConsumerPoll" && ++polls === 3 ? Effect.die(new Error("connection reset")) : session.execute(command)
      }
    })
}

describe("replayTrace", () => {
  it("replays a run its target cut short without judging it as drained", async () => {
    const report = await checkTarget({ target: diesOnThirdPoll, config: configDefault, runs: 100, seed: 8 })
    const trace = report.failure
    expect(trace?.verdict).toMatchObject({ _tag: "Diverged", targetFailed: true })
    if (trace === undefined) return
    // On the dying target it still fails, as a target failure.
    const again = await Effect.runPromise(replayTrace(trace, diesOnThirdPoll))
    expect(again.verdict).toMatchObject({ _tag: "Diverged", targetFailed: true })
    // On the real broker the same (undrained) commands pass: no loss is claimed for records the drain never got to.
    const fixed = await Effect.runPromise(replayTrace(trace, builtinTarget))
    expect(fixed.verdict, fixed.table).toBeUndefined()
  })
})
