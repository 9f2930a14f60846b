/**
 * The figures of the "Queue vs stream" section: the shipped
 * `examples/configs/queue-and-stream.json` run on the model with a fixed
 * seed, and per channel (the stream's group, each queue that is no queue's
 * dead-letter queue) how many runs lost, processed twice, redelivered or
 * dead-lettered something, and which claims covering it held. Also each
 * queue of a config alone with its dead-letter queue, where the docs search
 * the queue guarantees' witnesses.
 *
 * @module
 */
import * as fc from "fast-check"
import { catalogue } from "../../spec/catalogue.ts"
import type { Config, DeliveryMode, QueueConfig } from "../../spec/config.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import type { History } from "../../spec/history.ts"
import { choicesArbitrary } from "../../properties/choice.ts"
import { evaluateRun } from "../../properties/check/evaluate.ts"
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import { notApplicableReasonOf } from "../../properties/guarantees/applicability.ts"
import { guaranteeCheckById, guaranteeChecks } from "../../properties/guarantees/index.ts"
import { runChoicesOnModel } from "../../properties/modelRun.ts"
import { historyOf } from "../../properties/run.ts"
import { duplicatedRecordsOf, lostRecordsOf } from "./facts.ts"
import { queueFactsOf } from "./queueFacts.ts"
import { queueAndStreamConfigName } from "./queueStories.ts"

/** Generated runs of the shipped queue-and-stream config the measured table counts over. */
export const queueRuns = 150

/** One row of the measured table: a channel (the stream's group, or a queue) and what the runs showed of it. */
export interface ChannelFacts {
  /** `events` read by group `audit`, or a queue's name. */
  readonly channel: string
  readonly kind: string
  readonly mode: DeliveryMode
  /** The config of this channel alone (the stream half, or the queue with its dead-letter queue): the claims that apply to it are its row's. */
  readonly half: Config
  readonly runs: number
  /** Per fact: runs that showed it, and how many records or messages over all runs. */
  readonly lost: Count
  readonly processedTwice: Count
  readonly redelivered: Count
  /** Undefined for the stream: a group has no dead-letter queue. */
  readonly deadLettered: Count | undefined
  /** Messages never processed and still held by a running consumer when their run ended, over all runs (0 for the stream). */
  readonly messagesHeldAtEnd: number
  readonly held: ReadonlyArray<GuaranteeId>
  readonly violated: ReadonlyArray<GuaranteeId>
}

/** How many runs showed a fact, and how many records or messages it concerned over all runs. */
export interface Count {
  readonly runs: number
  readonly items: number
}

const countInit = (): { runs: number; items: number } => ({ runs: 0, items: 0 })

const countAdd = (count: { runs: number; items: number }, items: number): void => {
  if (items > 0) count.runs += 1
  count.items += items
}

/** Records a group was delivered more than once (by `Polled` answers). */
const redeliveredRecordsOf = (history: History, group: string): number => {
  const polled = new Map<string, number>()
  for (const { response } of history) {
    if (response._tag !== "Polled" || response.group !== group) continue
    for (const record of response.records) {
      const key = `${record.topic}/${record.partition}@${record.offset}`
      polled.set(key, (polled.get(key) ?? 0) + 1)
    }
  }
  return [...polled.values()].filter((n) => n > 1).length
}

/** The queue and its dead-letter queue, alone (no topic, no group): the config its row's claims are chosen by. */
const queueHalfOf = (config: Config, queue: QueueConfig): Config => ({
  ...config,
  topics: [],
  groups: [],
  queues: (config.queues ?? []).filter((q) => q.name === queue.name || q.name === queue.deadLetterQueue)
})

/**
 * Each queue of the config that is no queue's dead-letter queue, alone with
 * its dead-letter queue (no topic, no group), in config order: where the docs
 * search the witnesses of the queue guarantees, so a witness shows one queue
 * and its drain, not the whole config's.
 */
export const queueHalvesOf = (config: Config): ReadonlyArray<Config> =>
  (config.queues ?? []).filter((queue) => !(config.queues ?? []).some((q) => q.deadLetterQueue === queue.name)).map((queue) => queueHalfOf(config, queue))

/** The claims that cover a channel: they hold under its mode and apply to its half of the config. */
const coveringOf = (half: Config, mode: DeliveryMode): ReadonlyArray<GuaranteeId> =>
  catalogue.filter((g) => g.holdsUnder.includes(mode) && notApplicableReasonOf(g, guaranteeCheckById(g.id), half) === undefined).map((g) => g.id)

/**
 * Runs the shipped queue-and-stream config `queueRuns` times on the model
 * (choices from `seed`, each run ending with the drain) and counts, per
 * channel, what the runs showed: the stream's group first, then each queue
 * that is no queue's dead-letter queue. Every claim is checked on the whole
 * run; a row lists the claims that cover its channel.
 */
export const queueAndStreamFactsOf = (seed: number): ReadonlyArray<ChannelFacts> => {
  const config = exampleConfig(queueAndStreamConfigName)
  const queues = (config.queues ?? []).filter((queue) => !(config.queues ?? []).some((q) => q.deadLetterQueue === queue.name))
  const group = config.groups[0]
  const streamHalf: Config = { ...config, queues: [] }
  const rows = [
    { channel: `\`${group.topics.join(", ")}\` read by group \`${group.name}\``, kind: "stream", mode: group.mode, half: streamHalf },
    ...queues.map((queue) => ({
      channel: `\`${queue.name}\``,
      kind: queue.fifo === true ? "FIFO queue" : "queue",
      mode: queue.mode as DeliveryMode,
      half: queueHalfOf(config, queue),
      queue
    }))
  ]
  const counts = rows.map(() => ({ lost: countInit(), processedTwice: countInit(), redelivered: countInit(), deadLettered: countInit(), held: countInit() }))
  const violated = new Set<GuaranteeId>()
  const samples = fc.sample(choicesArbitrary(config, config.bounds.commandsMax), { seed, numRuns: queueRuns })
  for (const choices of samples) {
    const run = runChoicesOnModel(config, choices)
    const history = historyOf(run)
    for (const violation of evaluateRun(run, config, guaranteeChecks).violations) violated.add(violation.guarantee)
    rows.forEach((row, i) => {
      const count = counts[i]
      if (!("queue" in row)) {
        countAdd(count.lost, lostRecordsOf(history, group.name, group.topics).length)
        countAdd(count.processedTwice, duplicatedRecordsOf(history, group.name).length)
        countAdd(count.redelivered, redeliveredRecordsOf(history, group.name))
        return
      }
      const facts = queueFactsOf(history, config, row.queue.name)
      countAdd(count.lost, facts.lost.length)
      countAdd(count.processedTwice, facts.processedTwice.length)
      countAdd(count.redelivered, facts.redelivered.length)
      countAdd(count.deadLettered, facts.deadLettered.length)
      countAdd(count.held, facts.held.length)
    })
  }
  return rows.map((row, i) => {
    const covering = coveringOf(row.half, row.mode)
    return {
      channel: row.channel,
      kind: row.kind,
      mode: row.mode,
      half: row.half,
      runs: samples.length,
      lost: counts[i].lost,
      processedTwice: counts[i].processedTwice,
      redelivered: counts[i].redelivered,
      deadLettered: "queue" in row ? counts[i].deadLettered : undefined,
      messagesHeldAtEnd: counts[i].held.items,
      held: covering.filter((id) => !violated.has(id)),
      violated: covering.filter((id) => violated.has(id))
    }
  })
}
