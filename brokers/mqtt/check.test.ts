/**
 * A modest model-based check of the MQTT target per setting, on the example
 * config (an at-least-once and an at-most-once queue, broker restarts),
 * guarantees-only, on the guarantees the profile judges it on: what it finds
 * is asserted, and the shrunk counterexample of a violation still fails when
 * its commands are replayed on the same broker.
 */
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { checkTarget } from "../../properties/check/checkTarget.ts"
import { queueNoLossUnderAtLeastOnce } from "../../properties/guarantees/queueNoLossUnderAtLeastOnce.ts"
import { historyOf, runCommands } from "../../properties/run.ts"
import type { History } from "../../spec/history.ts"
import { mqttExampleConfig } from "./internal/testRuns.ts"
import { mqttJudgedGuarantees } from "./profile.ts"
import { mqttSettings } from "./settings.ts"
import { makeMqttTarget, type MqttTarget } from "./target.ts"

const config = mqttExampleConfig()

/** The step of the last `BrokerRestart` before `step`, or -1. */
const lastRestartBefore = (history: History, step: number): number => {
  for (let i = step - 1; i >= 0; i--) if (history[i].command._tag === "BrokerRestart") return i
  return -1
}

/** The id of the message the violation names, and the step its send was answered at (0-based). */
const lostSendOf = (message: string): { readonly messageId: number; readonly step: number } => {
  const found = /enqueued message (\d+) at step (\d+)/.exec(message)
  if (found === null) throw new Error(`not a QueueNoLossUnderAtLeastOnce violation: ${message}`)
  return { messageId: Number(found[1]), step: Number(found[2]) - 1 }
}

describe.each(mqttSettings.map((setting) => setting.name))("a check of Mosquitto with %s", (setting) => {
  let target: MqttTarget
  beforeAll(async () => {
    // Clock advances wait 0.02 real ms per logical ms: MQTT has no timers in this mapping, so only Mosquitto's saves run in that time.
    target = makeMqttTarget(setting, { timeScale: 0.02 })
    await target.prepare()
  })
  afterAll(async () => {
    await target.close()
  })

  it("finds an acknowledged send a broker restart lost, and the trace fails again when replayed", async () => {
    const report = await checkTarget({
      target,
      config,
      runs: 8,
      seed: 1,
      conformance: false,
      guarantees: mqttJudgedGuarantees,
      shrinkAttemptsMax: 10,
      minimizeAttemptsMax: 30
    })
    const tally = (id: string) => report.tallies.find((entry) => entry.guarantee.id === id)!
    // No acknowledgement of a held receipt failed to delete, nor did a stale one delete (no receipt goes stale: the profile's reason).
    expect(tally("StaleReceiptsDoNotDelete").violatedRuns).toBe(0)
    expect(tally("StaleReceiptsDoNotDelete").witnessedRuns).toBe(0)
    // The answers differ from the model's in some runs (hence guarantees-only), though not in every one.
    expect(report.divergedRuns).toBeGreaterThan(0)
    const failure = report.failure!
    expect(failure.verdict).toMatchObject({ _tag: "GuaranteeViolated", guarantee: "QueueNoLossUnderAtLeastOnce" })
    expect(failure.target).toBe(`mqtt:${setting}`)
    // The send it names was acknowledged (Enqueued), and a BrokerRestart of the trace lost it: before it (the SIGKILL lost the
    // stored message), or, with autosave-on-every-change, after it (the restart lost the shared subscription: reason code 16).
    const failing = failure.commands.map((command, i) => ({ command, response: failure.actual[i] }))
    const lost = lostSendOf(failure.verdict.message)
    expect(failing[lost.step].response).toMatchObject({ _tag: "Enqueued", messageId: lost.messageId })
    const restartBefore = lastRestartBefore(failing, lost.step)
    const restartAfter = failing.findIndex((entry, i) => i > lost.step && entry.command._tag === "BrokerRestart")
    // Replayed as it is, on the same broker and setting, the trace loses a send again.
    const replay = await Effect.runPromise(runCommands(target, config, failure.commands))
    expect(replay.targetFailed).toBe(false)
    expect(queueNoLossUnderAtLeastOnce.always(historyOf(replay), config)?.message).toContain("no QueueProcessed names it")
    if (setting === "autosave-on-every-change") {
      // Sent after a restart: Mosquitto answered "no matching subscribers" (16). Or sent just before one: its save had not happened yet.
      const unrouted = target.lastAdapter()!.unrouted
      expect((restartBefore >= 0 && unrouted.includes(lost.messageId)) || restartAfter >= 0).toBe(true)
    } else {
      // A later SIGKILL lost it, with everything since the last save (none: the autosave comes every 1800 s) or in memory only.
      expect(restartAfter).toBeGreaterThan(lost.step)
    }
    if (process.env.QSEM_MQTT_PRINT !== undefined) {
      console.log(`${setting}: ${report.runsDone} runs, trace of ${failure.commands.length} commands: ${failure.verdict.message}`)
      console.log(failure.commands.map((command, i) => `${i + 1} ${JSON.stringify(command)} => ${JSON.stringify(failure.actual[i])}`).join("\n"))
    }
  })
})
