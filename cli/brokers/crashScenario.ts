/**
 * The crash scenario every broker setting runs: acknowledged sends, a SIGKILL
 * restart of the broker, then the standard drain. Jepsen's question, asked
 * the same way of every broker: which acknowledged sends are gone?
 *
 * @module
 */
import { Effect } from "effect"
import type { Target } from "../../impl/target.ts"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import { runCommandsDrained } from "../../properties/run.ts"
import type { CrashOutcome } from "./results.ts"

/** How many sends the scenario makes before the restart. */
export const crashSendsCount = 5

/** The scenario's commands for a config: sends to its first at-least-once queue that is no dead-letter queue, then the restart. */
export const crashCommands = (config: Config): ReadonlyArray<Command> => {
  const queues = config.queues ?? []
  const deadLetterQueues = new Set(queues.map((queue) => queue.deadLetterQueue).filter((name) => name !== undefined))
  const queue = queues.find((candidate) => candidate.mode === "at-least-once" && !deadLetterQueues.has(candidate.name))
  if (queue === undefined) throw new Error("the crash scenario needs an at-least-once queue that is no dead-letter queue")
  const fifo = queue.fifo === true ? { group: "g0" } : {}
  return [
    ...Array.from({ length: crashSendsCount }, (_, i): Command => ({ _tag: "QueueSend", sender: "p0", queue: queue.name, value: `crash-${i}`, ...fifo })),
    { _tag: "BrokerRestart" }
  ]
}

/** Runs the scenario on the target: the acknowledged sends and the ones the drain after the restart no longer found. */
export const runCrashScenario = (target: Target, config: Config, answerTimeoutMs: number): Effect.Effect<CrashOutcome> =>
  Effect.map(runCommandsDrained(target, config, crashCommands(config), { answerTimeoutMs }), (run) => {
    const acknowledged: Array<number> = []
    const found = new Set<number>()
    run.actual.forEach((response, step) => {
      if (step < crashSendsCount && response._tag === "Enqueued") acknowledged.push(response.messageId)
      if (response._tag === "Received") for (const message of response.messages) found.add(message.messageId)
    })
    if (run.targetFailed) throw new Error(`the crash scenario failed on ${target.name}: ${run.divergence?.message ?? "the target failed"}`)
    return { acknowledged, lost: acknowledged.filter((id) => !found.has(id)) }
  })
