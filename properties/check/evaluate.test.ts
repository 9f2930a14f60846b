import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { Target } from "../../impl/target.ts"
import type { Command } from "../../spec/command.ts"
import { configDefault } from "../../spec/config.ts"
import { guaranteeChecks } from "../guarantees/index.ts"
import { modelTarget } from "../modelTarget.ts"
import { runCommands } from "../run.ts"
import { evaluateRun, failsLike, verdictOf } from "./evaluate.ts"

const config = configDefault

/** The model, except that its session dies on its third ConsumerPoll. */
const diesOnThirdPoll: Target = {
  name: "dies-on-third-poll",
  open: (config) =>
    Effect.map(modelTarget.open(config), (session) => {
      let polls = 0
      return {
        execute: (command: Command) =>
          command._tag === "ConsumerPoll" && ++polls === 3 ? Effect.die(new Error("connection reset")) : session.execute(command)
      }
    })
}

const poll: Command = { _tag: "ConsumerPoll", group: "billing", member: "a", recordsMax: 3 }
const commands: ReadonlyArray<Command> = [
  { _tag: "ProducerSend", producer: "p0", topic: "payments", value: "v0" },
  { _tag: "ProducerSend", producer: "p0", topic: "orders", value: "v1" },
  { _tag: "GroupJoin", group: "billing", member: "a" },
  { _tag: "GroupJoin", group: "metrics", member: "m" },
  poll,
  poll,
  poll,
  poll
]

describe("evaluateRun and verdictOf on a target that failed", () => {
  it("does not judge a cut-short history by the drained-history checkers, and reports the divergence", async () => {
    const run = await Effect.runPromise(runCommands(diesOnThirdPoll, config, commands))
    expect(run.targetFailed).toBe(true)
    expect(run.divergence).toEqual({ step: 6, message: "target failed on ConsumerPoll: Error: connection reset" })
    const verdicts = evaluateRun(run, config, guaranteeChecks)
    expect(verdicts.violations).toEqual([])
    expect(verdicts.witnessed).not.toContain("AtMostOnceCanLose")
    for (const conformance of [true, false]) {
      expect(verdictOf(verdicts, conformance)).toEqual({ _tag: "Diverged", ...run.divergence, targetFailed: true })
    }

    // Judged as if it had been drained, the same history loses records.
    const judged = evaluateRun({ ...run, targetFailed: false }, config, guaranteeChecks)
    expect(judged.violations.map((violation) => violation.guarantee)).toContain("NoLossUnderAtLeastOnce")
    expect(verdictOf(judged, false)?._tag).toBe("GuaranteeViolated")
  })

  it("shrinks a failing target's run only towards runs where the target fails too", async () => {
    const failing = evaluateRun(await Effect.runPromise(runCommands(diesOnThirdPoll, config, commands)), config, guaranteeChecks)
    const verdict = verdictOf(failing, false)
    if (verdict === undefined) throw new Error("no verdict")
    const diverging = { ...failing, targetFailed: false }
    expect(failsLike(failing, failing, verdict)).toBe(true)
    expect(failsLike(diverging, failing, verdict)).toBe(false)
    expect(failsLike(failing, diverging, verdict)).toBe(true)
  })
})

describe("verdictOf names the claim the history breaks first", () => {
  const violation = (guarantee: "NoLossUnderAtLeastOnce" | "GroupsAreIndependent" | "PartitionOrderPreserved", step: number) =>
    ({ _tag: "GuaranteeViolated", guarantee, step, message: guarantee } as const)
  const divergence = { _tag: "Diverged", step: 1, message: "d" } as const

  it("picks the earliest violation, not the first in catalogue order, and the catalogue's order at a tie", () => {
    const verdicts = {
      violations: [violation("NoLossUnderAtLeastOnce", 9), violation("GroupsAreIndependent", 4), violation("PartitionOrderPreserved", 4)],
      divergence,
      witnessed: [],
      targetFailed: false
    }
    expect(verdictOf(verdicts, true)).toEqual(violation("GroupsAreIndependent", 4))
    expect(verdictOf({ ...verdicts, violations: [] }, true)).toEqual(divergence)
    expect(verdictOf({ ...verdicts, violations: [] }, false)).toBeUndefined()
  })
})
