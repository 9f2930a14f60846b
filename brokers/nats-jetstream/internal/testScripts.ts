/**
 * Test helpers: the small queue configs the JetStream tests script against,
 * shorthands for the commands they send, and a scripted run in lockstep with
 * the model.
 *
 * @module
 */
import { Effect } from "effect"
import type { Target } from "../../../impl/target.ts"
import { historyOf, type Run, runCommands } from "../../../properties/run.ts"
import type { Command } from "../../../spec/command.ts"
import type { Config, QueueConfig } from "../../../spec/config.ts"
import type { Response } from "../../../spec/response.ts"

/** A queue-only config with restarts and a 1,000 ms quantum. */
export const scriptConfig = (queues: ReadonlyArray<QueueConfig>): Config => ({
  topics: [],
  groups: [],
  queues,
  sessionTimeoutMs: 1_000,
  clockQuantumMs: 1_000,
  brokerRestarts: true,
  bounds: { producersMax: 2, membersPerGroupMax: 2, keysMax: 2, recordsPerPollMax: 3, clockAdvanceMsMax: 4_000, commandsMax: 20 }
})

/** An at-least-once queue `jobs` with a 2,000 ms visibility timeout. */
export const jobs: QueueConfig = { name: "jobs", mode: "at-least-once", visibilityTimeoutMs: 2_000 }

/** A FIFO queue `orders.fifo` with a 2,000 ms visibility timeout and a 2,000 ms dedup window. */
export const ordersFifo: QueueConfig = { name: "orders.fifo", mode: "at-least-once", visibilityTimeoutMs: 2_000, fifo: true, dedupWindowMs: 2_000 }

/** The message ids a `Received` answer lists, in order (empty for any other answer). */
export const idsOf = (response: Response): Array<number> => (response._tag === "Received" ? response.messages.map((message) => message.messageId) : [])

/** `QueueSend` of `value` to `queue` by producer `p`. */
export const send = (queue: string, value: string, fields: { readonly group?: string; readonly dedupId?: string } = {}): Command => ({
  _tag: "QueueSend",
  sender: "p",
  queue,
  value,
  ...fields
})

/** `QueueReceive` of up to `messagesMax` messages. */
export const receive = (queue: string, consumer: string, messagesMax = 10): Command => ({ _tag: "QueueReceive", queue, consumer, messagesMax })

/** `ClockAdvance` by `ms`. */
export const advance = (ms: number): Command => ({ _tag: "ClockAdvance", ms })

/** Runs `commands` on `target` in lockstep with the model: the target's answers in `actual`, the model's in `expected`. */
export const script = (target: Target, config: Config, commands: ReadonlyArray<Command>): Promise<Run> => Effect.runPromise(runCommands(target, config, commands))

/** The target's history of a run. */
export { historyOf }

/**
 * The time scale the JetStream tests run at: 0.2 real ms per logical ms, twice the default, so that with the
 * 1,000 ms quantum a timer has 100 ms of real time on either side (the test files share two cores with the
 * rest of the suite).
 */
export const testTimeScale = 0.2
