/**
 * Model-based checks of RabbitMQ with `checkTarget`, guarantees only (its
 * answers differ from the model's where profile.ts says), on the shipped
 * configs, a few runs per setting with fixed seeds: what must hold holds and
 * is witnessed, and the violations RabbitMQ really has are found, with a
 * trace that fails again when replayed. The quorum check runs without broker
 * restarts (each costs seconds; the scenarios pin what a restart does), the
 * classic-transient one with them (its finding is the restart's loss).
 */
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { checkTarget, type CheckReport } from "../../properties/check/checkTarget.ts"
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import { guaranteeCheckById } from "../../properties/guarantees/index.ts"
import { historyOf, runCommands } from "../../properties/run.ts"
import type { Config } from "../../spec/config.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import type { ManagedServer } from "../server/managedServer.ts"
import { startRabbitmq } from "./server.ts"
import { rabbitmqTarget } from "./target.ts"

let server: ManagedServer | undefined
beforeAll(async () => {
  server = await startRabbitmq()
}, 90_000)
afterAll(async () => {
  await server?.stop()
})

const answerTimeoutMs = 60_000

const tallyOf = (report: CheckReport, id: GuaranteeId) => {
  const tally = report.tallies.find((entry) => entry.guarantee.id === id)
  if (tally === undefined) throw new Error(`no tally of ${id}`)
  return tally
}

/** Replays the trace's commands on a fresh session and returns the guarantee's verdict on the new history. */
const replayVerdict = async (setting: string, config: Config, report: CheckReport, id: GuaranteeId) => {
  const trace = report.failure!
  const run = await Effect.runPromise(runCommands(rabbitmqTarget(setting, { server }), config, trace.commands, { answerTimeoutMs }))
  expect(run.targetFailed).toBe(false)
  return guaranteeCheckById(id).always(historyOf(run), config)
}

describe("RabbitMQ quorum, checked against the model (guarantees only)", () => {
  const config: Config = { ...exampleConfig("brokers/rabbitmq"), brokerRestarts: false }

  it("QueueNoLossUnderAtLeastOnce, RedriveReturnsDeadLetters and StaleReceiptsDoNotDelete hold; no loss through crashes and a redrive are witnessed", async () => {
    const guarantees: ReadonlyArray<GuaranteeId> = ["QueueNoLossUnderAtLeastOnce", "RedriveReturnsDeadLetters", "StaleReceiptsDoNotDelete"]
    const report = await checkTarget({
      target: rabbitmqTarget("quorum", { server }),
      config,
      runs: 5,
      seed: 10,
      conformance: false,
      guarantees,
      answerTimeoutMs
    })
    expect(report.failure).toBeUndefined()
    expect(report.runsDone).toBe(5)
    for (const id of guarantees) expect(tallyOf(report, id).violatedRuns).toBe(0)
    expect(tallyOf(report, "QueueNoLossUnderAtLeastOnce").witnessedRuns).toBeGreaterThan(0)
    expect(tallyOf(report, "RedriveReturnsDeadLetters").witnessedRuns).toBeGreaterThan(0)
  }, 120_000)

  it("PoisonMessagesEndInTheDeadLetterQueue is violated: a message at its delivery limit moves when it is returned, not when a visibility timeout ends (RabbitMQ has none), and the trace fails again when replayed", async () => {
    const report = await checkTarget({
      target: rabbitmqTarget("quorum", { server }),
      config,
      runs: 3,
      seed: 11,
      conformance: false,
      guarantees: ["QueueNoLossUnderAtLeastOnce", "PoisonMessagesEndInTheDeadLetterQueue", "RedriveReturnsDeadLetters", "StaleReceiptsDoNotDelete"],
      answerTimeoutMs,
      shrinkAttemptsMax: 0,
      minimizeAttemptsMax: 8
    })
    const verdict = report.failure?.verdict
    expect(verdict?._tag).toBe("GuaranteeViolated")
    if (verdict?._tag !== "GuaranteeViolated") return
    expect(verdict.guarantee).toBe("PoisonMessagesEndInTheDeadLetterQueue")
    // The two ways RabbitMQ's timing differs: a held message stays with its consumer past the model's visibility end, or a crash moves it before.
    expect(verdict.message).toMatch(/did not move message \d+ from (jobs|events) to (jobs|events)-dlq|keeps it in flight until/)
    expect(tallyOf(report, "QueueNoLossUnderAtLeastOnce").violatedRuns).toBe(0)
    expect(await replayVerdict("quorum", config, report, "PoisonMessagesEndInTheDeadLetterQueue")).toBeDefined()
  }, 120_000)
})

describe("RabbitMQ classic-transient, checked against the model (guarantees only), with broker restarts", () => {
  const config = exampleConfig("brokers/rabbitmq-classic")

  it("QueueNoLossUnderAtLeastOnce is violated: a SIGKILL restart deletes the non-durable queue with the sends it acknowledged; the trace fails again when replayed", async () => {
    const report = await checkTarget({
      target: rabbitmqTarget("classic-transient", { server }),
      config,
      runs: 3,
      seed: 10,
      conformance: false,
      guarantees: ["QueueNoLossUnderAtLeastOnce", "StaleReceiptsDoNotDelete"],
      answerTimeoutMs,
      shrinkAttemptsMax: 0,
      minimizeAttemptsMax: 0
    })
    const verdict = report.failure?.verdict
    expect(verdict).toMatchObject({ _tag: "GuaranteeViolated", guarantee: "QueueNoLossUnderAtLeastOnce" })
    expect(report.failure!.commands.some((command) => command._tag === "BrokerRestart")).toBe(true)
    expect(tallyOf(report, "StaleReceiptsDoNotDelete").violatedRuns).toBe(0)
    expect(await replayVerdict("classic-transient", config, report, "QueueNoLossUnderAtLeastOnce")).toBeDefined()
  }, 120_000)
})
