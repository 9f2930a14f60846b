/**
 * What the MQTT target's tests share: the example config, decoded, a
 * one-queue config for scripted scenarios, and small readers of histories.
 *
 * @module
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import * as Schema from "effect/Schema"
import type { Target } from "../../../impl/target.ts"
import { historyOf, runCommands, runCommandsDrained } from "../../../properties/run.ts"
import type { Command } from "../../../spec/command.ts"
import { boundsDefault, type Config, Config as ConfigSchema, validateConfig } from "../../../spec/config.ts"
import type { History } from "../../../spec/history.ts"
import type { Response, ResponseOf } from "../../../spec/response.ts"

/** `examples/configs/brokers/mqtt.json`, decoded and validated. */
export const mqttExampleConfig = (): Config => {
  const file = fileURLToPath(new URL("../../../examples/configs/brokers/mqtt.json", import.meta.url))
  const config = Schema.decodeUnknownSync(ConfigSchema)(JSON.parse(readFileSync(file, "utf8")), { onExcessProperty: "error" })
  const problem = validateConfig(config)
  if (problem !== undefined) throw new Error(`examples/configs/brokers/mqtt.json: ${problem}`)
  return config
}

/** One at-least-once queue `jobs` and one at-most-once queue `telemetry`, a pool of 3 sessions (two consumers and the drain's), restarts, a 500 ms quantum. */
export const scenarioConfig: Config = {
  topics: [],
  groups: [],
  sessionTimeoutMs: 2_000,
  queues: [
    { name: "jobs", mode: "at-least-once", visibilityTimeoutMs: 2_000 },
    { name: "telemetry", mode: "at-most-once", visibilityTimeoutMs: 2_000 }
  ],
  bounds: { ...boundsDefault, membersPerGroupMax: 2, commandsMax: 30 },
  clockQuantumMs: 500,
  brokerRestarts: true
}

/** Runs the commands as they are on `target` (against the model, whose answers are not compared here) and answers the target's history. */
export const historyOfCommands = async (target: Target, config: Config, commands: ReadonlyArray<Command>): Promise<History> => {
  const run = await Effect.runPromise(runCommands(target, config, commands))
  if (run.targetFailed) throw new Error(`the target failed: ${run.divergence?.message}`)
  return historyOf(run)
}

/** Runs the commands, then the standard final drain (every queue received until empty, then listed), and answers the target's history. */
export const drainedHistoryOfCommands = async (target: Target, config: Config, commands: ReadonlyArray<Command>): Promise<History> => {
  const run = await Effect.runPromise(runCommandsDrained(target, config, commands))
  if (run.targetFailed) throw new Error(`the target failed: ${run.divergence?.message}`)
  return historyOf(run)
}

/** The answers of one kind, in order. */
export const answersOf = <Tag extends Response["_tag"]>(history: History, tag: Tag): Array<ResponseOf<Tag>> =>
  history.flatMap((entry) => (entry.response._tag === tag ? [entry.response as ResponseOf<Tag>] : []))

/** The message ids some `QueueProcessed` names, sorted. */
export const processedIdsOf = (history: History): Array<number> =>
  [...new Set(answersOf(history, "QueueProcessed").map((answer) => answer.messageId))].sort((x, y) => x - y)

/** A send of `value` to `queue`. */
export const send = (queue: string, value: string): Command => ({ _tag: "QueueSend", sender: "p0", queue, value })

/** A receive of up to `messagesMax` messages. */
export const receive = (queue: string, consumer: string, messagesMax: number): Command => ({ _tag: "QueueReceive", queue, consumer, messagesMax })
