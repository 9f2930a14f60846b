/**
 * The domain text's retry storm, played on the model tick by tick with no
 * randomness: a producer sends orders at a steady rate to `orders` of the
 * shipped `examples/configs/poison-and-retries.json`; two at-least-once
 * groups with the same retry-then-dead-letter policy read them, `billing`
 * behind a circuit breaker and `storm` without one; the downstream both
 * call goes down for a while and comes back; then each group redrives its
 * dead letters and works them off. The run keeps every command and answer;
 * the figures are read off them by `retryStormFacts.ts`.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Response, ResponseOf } from "../../spec/response.ts"
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import { modelRecorder } from "../../properties/modelRun.ts"
import { expectAnswer as expectAnswerOf } from "./internal/expectAnswer.ts"

/**
 * The scenario's shape: for `loadTicks` ticks the producer sends
 * `sendsPerTick` unkeyed orders; the downstream is down from the start of
 * tick `downTick` to the start of tick `upTick`; at tick `redriveTick` each
 * group redrives its dead letters. A tick is `tickMs` of the logical clock;
 * each group's one member polls at most `recordsPerPoll` records per tick
 * and attempts every record it holds whose retry time has come, in the
 * order it was delivered. `ticksMax` stops a run that would never settle (a
 * defect, thrown).
 */
export const retryStorm = {
  configName: "poison-and-retries",
  topic: "orders",
  groups: ["billing", "storm"],
  loadTicks: 30,
  sendsPerTick: 1,
  downTick: 6,
  upTick: 26,
  redriveTick: 30,
  recordsPerPoll: 10,
  tickMs: 500,
  ticksMax: 200
} as const

/** The producer's name, as `ProducerSend.producer`. */
export const retryStormProducer = "api"

/** The name of each group's one member. */
export const retryStormMember = "worker"

/** One played run: the config, every command and answer, and where each tick starts. */
export interface RetryStormRun {
  readonly config: Config
  readonly commands: ReadonlyArray<Command>
  readonly responses: ReadonlyArray<Response>
  /** The index in `commands` of each tick's first command, tick 1 first (the joins come before it). */
  readonly tickStarts: ReadonlyArray<number>
}

const expectAnswer = <Tag extends Response["_tag"]>(response: Response, tags: ReadonlyArray<Tag>, command: Command): ResponseOf<Tag> =>
  expectAnswerOf("retry storm scenario", response, tags, command)

/** What one group's member holds: delivered records not processed nor dead-lettered (with their retry times), and its positions. */
interface Worker {
  readonly group: string
  readonly held: Array<{ readonly partition: number; readonly offset: number; retryAtMs: number }>
  readonly positions: Map<number, number>
}

/**
 * Plays the scenario. Before the first tick each group's member joins. Each
 * tick, in this order:
 *
 * 1. (from tick 2) the clock advances `tickMs`;
 * 2. at `downTick` each group's downstream goes down (`DownstreamDown`), at
 *    `upTick` it comes back (`DownstreamUp`);
 * 3. during the load, the producer sends `sendsPerTick` orders
 *    (`order-1`, ...), unkeyed;
 * 4. at `redriveTick` each group redrives its dead letters
 *    (`DeadLetterRedrive`);
 * 5. group by group: the member polls (which also keeps its session), then
 *    attempts each record it holds whose retry time has come, oldest
 *    delivery first (`Processed` and `ProcessDeadLettered` take it off,
 *    `ProcessFailed` sets its retry time, `BreakerOpen` ends the member's
 *    attempts for the tick), then commits the offset below the lowest record
 *    it still holds in each partition, or its position.
 *
 * The run ends with the first tick from `redriveTick` on after which neither
 * member holds anything and a poll delivered nothing.
 */
export const playRetryStorm = (): RetryStormRun => {
  const config = exampleConfig(retryStorm.configName)
  const { commands, play, responses } = modelRecorder(config)
  const partitions = config.topics.find((topic) => topic.name === retryStorm.topic)?.partitions ?? 0
  const workers: Array<Worker> = retryStorm.groups.map((group) => ({ group, held: [], positions: new Map() }))
  for (const worker of workers) {
    const join: Command = { _tag: "GroupJoin", group: worker.group, member: retryStormMember }
    expectAnswer(play(join), ["Joined"], join)
  }
  const tickStarts: Array<number> = []
  let nowMs = 0
  let sent = 0
  for (let tick = 1;; tick++) {
    if (tick > retryStorm.ticksMax) throw new Error(`the retry storm scenario did not settle in ${retryStorm.ticksMax} ticks`)
    tickStarts.push(commands.length)
    if (tick > 1) {
      play({ _tag: "ClockAdvance", ms: retryStorm.tickMs })
      nowMs += retryStorm.tickMs
    }
    if (tick === retryStorm.downTick || tick === retryStorm.upTick) {
      for (const group of retryStorm.groups) {
        const fault: Command = { _tag: tick === retryStorm.downTick ? "DownstreamDown" : "DownstreamUp", group }
        expectAnswer(play(fault), ["DownstreamSet"], fault)
      }
    }
    if (tick <= retryStorm.loadTicks) {
      for (let i = 0; i < retryStorm.sendsPerTick; i++) {
        const send: Command = { _tag: "ProducerSend", producer: retryStormProducer, topic: retryStorm.topic, value: `order-${++sent}` }
        expectAnswer(play(send), ["Sent"], send)
      }
    }
    if (tick === retryStorm.redriveTick) {
      for (const group of retryStorm.groups) {
        const redrive: Command = { _tag: "DeadLetterRedrive", group }
        expectAnswer(play(redrive), ["DeadLettersRedriven"], redrive)
      }
    }
    let quiet = true
    for (const worker of workers) {
      const address = { group: worker.group, member: retryStormMember }
      const poll: Command = { _tag: "ConsumerPoll", ...address, recordsMax: retryStorm.recordsPerPoll }
      for (const record of expectAnswer(play(poll), ["Polled"], poll).records) {
        quiet = false
        worker.held.push({ partition: record.partition, offset: record.offset, retryAtMs: 0 })
        worker.positions.set(record.partition, record.offset + 1)
      }
      for (const record of worker.held.slice()) {
        if (record.retryAtMs > nowMs) continue
        const process: Command = { _tag: "ConsumerProcess", ...address, topic: retryStorm.topic, partition: record.partition, offset: record.offset }
        const answer = expectAnswer(play(process), ["Processed", "ProcessDeadLettered", "ProcessFailed", "BreakerOpen"], process)
        if (answer._tag === "BreakerOpen") break
        if (answer._tag === "ProcessFailed") {
          record.retryAtMs = answer.retryAtMs ?? nowMs
          continue
        }
        worker.held.splice(worker.held.indexOf(record), 1)
      }
      const offsets = []
      for (let partition = 0; partition < partitions; partition++) {
        const position = worker.positions.get(partition)
        if (position === undefined) continue
        const lowest = Math.min(position, ...worker.held.filter((record) => record.partition === partition).map((record) => record.offset))
        offsets.push({ topic: retryStorm.topic, partition, offset: lowest })
      }
      if (offsets.length > 0) {
        const commit: Command = { _tag: "ConsumerCommit", ...address, offsets }
        expectAnswer(play(commit), ["Committed"], commit)
      }
    }
    if (tick >= retryStorm.redriveTick && quiet && workers.every((worker) => worker.held.length === 0)) break
  }
  return { config, commands, responses, tickStarts }
}
