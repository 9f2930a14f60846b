/**
 * The domain text's "queue in front of a bottlenecked database", played on
 * the model tick by tick, with no randomness: an API produces orders faster
 * than the database behind the queue can write them, then stops, and the
 * consumers catch up. One run per queue of the shipped
 * `examples/configs/bounded-queues.json` (one per overflow regime) and per
 * number of consumers. The run keeps every command and answer; the figures
 * are read off them by `bottleneckFacts.ts`.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config, QueueConfig } from "../../spec/config.ts"
import { isFifo } from "../../spec/config.ts"
import type { Response, ResponseOf } from "../../spec/response.ts"
import { modelRecorder } from "../../properties/modelRun.ts"
import { expectAnswer as expectAnswerOf } from "./internal/expectAnswer.ts"
import { exampleConfig } from "../../properties/exampleConfigs.ts"

/**
 * The scenario's shape: for `loadTicks` ticks the API produces
 * `sendsPerTick` orders per tick; each consumer writes at most
 * `writesPerConsumerPerTick` of them per tick (the database's rate); a tick
 * is `tickMs` of the logical clock, well inside the queues' visibility
 * timeout, so no message is redelivered. `consumerCounts` are the numbers of
 * competing consumers the scenario is played with; `ticksMax` stops a run
 * that would never drain (a defect, thrown).
 *
 * The shipped bounds hold 3 visible messages, and a tick's sends come in one
 * burst before the consumers: the most consumers (3, one write each) take no
 * more per tick than a full queue holds, so the bound never leaves a
 * consumer idle while the API waits.
 */
export const bottleneck = {
  configName: "bounded-queues",
  loadTicks: 10,
  sendsPerTick: 3,
  writesPerConsumerPerTick: 1,
  tickMs: 1_000,
  consumerCounts: [1, 2, 3],
  ticksMax: 500
} as const

/** The name of the API that sends, as `QueueSend.sender`. */
export const apiName = "api"

/** The name of the `n`-th consumer (1-based): `db-writer-<n>`. */
export const consumerName = (n: number): string => `db-writer-${n}`

/** One played run: its config, the queue, the number of consumers, every command and answer, and where each tick starts. */
export interface BottleneckRun {
  readonly config: Config
  readonly queue: QueueConfig
  readonly consumers: number
  readonly commands: ReadonlyArray<Command>
  readonly responses: ReadonlyArray<Response>
  /** The index in `commands` of each tick's first command, tick 1 first. */
  readonly tickStarts: ReadonlyArray<number>
  /** The tick (1-based) in which the API produced each order, by the order's value. */
  readonly producedAt: ReadonlyMap<string, number>
}

const expectAnswer = <Tag extends Response["_tag"]>(response: Response, tags: ReadonlyArray<Tag>, command: Command): ResponseOf<Tag> =>
  expectAnswerOf("bottleneck scenario", response, tags, command)

/**
 * Plays the scenario on `queueName` of the shipped config with `consumers`
 * competing consumers. Each tick, in this order:
 *
 * 1. (from tick 2) the clock advances `tickMs`;
 * 2. during the load, the API produces `sendsPerTick` orders (`order-1`,
 *    `order-2`, ...) at the end of its backlog;
 * 3. the API sends its backlog, oldest first. `Enqueued` (dropped or not)
 *    takes the order off the backlog, and so does `SendRejected` (the API
 *    gives up on it: its caller gets the error); at `SendBlocked` the API
 *    stops sending for this tick and keeps that order and the rest for the
 *    next one (the producer waits);
 * 4. the queue is listed (the depth the consumers find);
 * 5. each consumer receives up to `writesPerConsumerPerTick` messages and,
 *    for each in turn, processes it (the database write) and acknowledges
 *    (deletes) it: the at-least-once protocol;
 * 6. the queue is listed again.
 *
 * The run ends with the first tick after the load whose last listing is
 * empty while the API's backlog is empty. A FIFO queue's sends name their own
 * message group (one per order), so group order holds no receive back.
 */
export const playBottleneck = (queueName: string, consumers: number): BottleneckRun => {
  const config = exampleConfig(bottleneck.configName)
  const queue = (config.queues ?? []).find((q) => q.name === queueName)
  if (queue === undefined) throw new Error(`examples/configs/${bottleneck.configName}.json has no queue ${queueName}`)
  const { commands, play, responses } = modelRecorder(config)
  const tickStarts: Array<number> = []
  const producedAt = new Map<string, number>()
  const backlog: Array<string> = []
  for (let tick = 1;; tick++) {
    if (tick > bottleneck.ticksMax) throw new Error(`the bottleneck scenario on ${queueName} did not drain in ${bottleneck.ticksMax} ticks`)
    tickStarts.push(commands.length)
    if (tick > 1) play({ _tag: "ClockAdvance", ms: bottleneck.tickMs })
    if (tick <= bottleneck.loadTicks) {
      for (let i = 0; i < bottleneck.sendsPerTick; i++) {
        const value = `order-${producedAt.size + 1}`
        producedAt.set(value, tick)
        backlog.push(value)
      }
    }
    while (backlog.length > 0) {
      const value = backlog[0]
      const send: Command = { _tag: "QueueSend", sender: apiName, queue: queueName, value, ...(isFifo(queue) ? { group: value } : {}) }
      const answer = expectAnswer(play(send), ["Enqueued", "SendRejected", "SendBlocked"], send)
      if (answer._tag === "SendBlocked") break
      backlog.shift()
    }
    play({ _tag: "ObserverQueue", queue: queueName })
    for (let n = 1; n <= consumers; n++) {
      const receive: Command = { _tag: "QueueReceive", queue: queueName, consumer: consumerName(n), messagesMax: bottleneck.writesPerConsumerPerTick }
      for (const message of expectAnswer(play(receive), ["Received"], receive).messages) {
        const target = { queue: queueName, consumer: consumerName(n), receipt: message.receipt }
        play({ _tag: "QueueProcess", ...target })
        play({ _tag: "QueueAck", ...target })
      }
    }
    const list: Command = { _tag: "ObserverQueue", queue: queueName }
    const end = expectAnswer(play(list), ["QueueListed"], list)
    if (tick >= bottleneck.loadTicks && backlog.length === 0 && end.messages.length === 0) break
  }
  return { config, queue, consumers, commands, responses, tickStarts, producedAt }
}

/** The queues the scenario is played on: every queue of the shipped config that is no queue's dead-letter queue, in config order. */
export const bottleneckQueues = (): ReadonlyArray<QueueConfig> => {
  const queues = exampleConfig(bottleneck.configName).queues ?? []
  return queues.filter((queue) => !queues.some((q) => q.deadLetterQueue === queue.name))
}
