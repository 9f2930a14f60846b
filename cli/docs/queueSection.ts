/**
 * The "Queue vs stream" section of `docs/semantics.md`: the domain text's
 * distinction quoted, what each kind guarantees side by side (each row
 * naming the claims of `spec/catalogue.ts` that check it), the two kinds
 * measured on the model in the same runs of the shipped
 * `examples/configs/queue-and-stream.json` (the table layout of "Delivery
 * modes, measured"), and the stale receipt told on the model.
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
import { formatStepTable } from "../../properties/format/stepTable.ts"
import { notApplicableReasonOf } from "../../properties/guarantees/applicability.ts"
import { guaranteeCheckById, guaranteeChecks } from "../../properties/guarantees/index.ts"
import { runChoicesOnModel } from "../../properties/modelRun.ts"
import { historyOf } from "../../properties/run.ts"
import type { Story } from "./effectStories.ts"
import { duplicatedRecordsOf, lostRecordsOf } from "./facts.ts"
import { formatSequenceDiagram } from "./mermaid.ts"
import { queueFactsOf } from "./queueFacts.ts"
import { queueAndStreamConfigName, staleReceiptStory } from "./queueStories.ts"

/** Generated runs of the shipped queue-and-stream config the measured table counts over. */
export const queueRuns = 150

const fence = (language: string, body: string) => `\`\`\`${language}\n${body}\n\`\`\``

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

const protocolOf = (facts: ChannelFacts): string =>
  facts.kind === "stream"
    ? facts.mode === "at-most-once" ? "poll, commit, process" : "poll, process, commit"
    : facts.mode === "at-most-once"
    ? "receive, acknowledge, process"
    : "receive, process, acknowledge"

const countText = (count: Count | undefined, runs: number): string =>
  count === undefined ? "no dead-letter queue" : `${count.runs} of ${runs} (${count.items.toLocaleString("en-US")})`

const ids = (list: ReadonlyArray<string>): string => list.length === 0 ? "none" : list.map((id) => `\`${id}\``).join(", ")

const factsRow = (facts: ChannelFacts): string =>
  `| ${facts.channel} | ${facts.kind}, ${facts.mode} | ${protocolOf(facts)} | ${countText(facts.lost, facts.runs)} | ${
    countText(facts.processedTwice, facts.runs)
  } | ${countText(facts.redelivered, facts.runs)} | ${countText(facts.deadLettered, facts.runs)} | ${ids(facts.held)} | ${ids(facts.violated)} |`

/** The measured table and what it shows, in sentences computed from its figures. */
const measured = (seed: number): ReadonlyArray<string> => {
  const rows = queueAndStreamFactsOf(seed)
  const runs = rows[0].runs
  const byName = (name: string) => rows.find((row) => row.channel === `\`${name}\``)
  const emails = byName("emails")
  const jobs = byName("jobs")
  const fifo = byName("orders.fifo")
  const config = exampleConfig(queueAndStreamConfigName)
  const queues = config.queues ?? []
  const deadLetterQueues = queues.filter((queue) => queues.some((q) => q.deadLetterQueue === queue.name)).length
  const sources = queues.length - deadLetterQueues
  const fifoReceiveCountMax = queues.find((queue) => queue.name === "orders.fifo")?.receiveCountMax
  const sentences: Array<string> = []
  if (emails !== undefined) {
    sentences.push(
      `The at-most-once queue \`emails\` lost ${emails.lost.items} messages in ${emails.lost.runs} of ${runs} runs: its consumer acknowledged (deleted) them and`,
      `crashed before processing them. ${emails.messagesHeldAtEnd} more were deleted and still in a running consumer's buffer when the run ended; they`,
      "are not counted lost (the drain makes a group's members process what they hold, but not a queue's consumers).",
      emails.processedTwice.runs === 0
        ? `It redelivered messages in ${emails.redelivered.runs} runs and processed none twice: an acknowledgement sent after the visibility timeout ran out`
        : `It redelivered messages in ${emails.redelivered.runs} runs and processed one twice in ${emails.processedTwice.runs}: an acknowledgement sent after the visibility timeout ran out`,
      "carries a stale receipt and deletes nothing (below), and its consumer processes only what its acknowledgement deleted, so",
      "the message is processed once, by the consumer whose delete landed.",
      ""
    )
  }
  if (jobs !== undefined) {
    sentences.push(
      `The at-least-once queue \`jobs\` lost ${jobs.lost.runs === 0 ? "nothing" : `messages in ${jobs.lost.runs} runs`} and processed a message twice in ${jobs.processedTwice.runs} runs (its consumer`,
      "processed it and crashed, or its visibility timeout ran out, before the acknowledgement), like the stream's at-least-once",
      `group. A message no consumer acknowledges is not lost either: after its \`receiveCountMax\`-th receive it moves to the dead-letter`,
      `queue (in ${jobs.deadLettered?.runs ?? 0} runs), where the drain leaves it for an operator to inspect or redrive.`,
      ""
    )
  }
  if (fifo !== undefined) {
    sentences.push(
      `The FIFO queue \`orders.fifo\` redelivered messages in ${fifo.redelivered.runs} runs and dead-lettered some in ${fifo.deadLettered?.runs ?? 0}, keeping group order:`,
      "a message of a group is received only when every earlier one of its group was deleted or dead-lettered, so a redelivery",
      `holds its group back; with \`receiveCountMax\` ${fifoReceiveCountMax ?? "unset"}, a message leaves for the dead-letter queue after its ${
        fifoReceiveCountMax === 2 ? "second" : `${fifoReceiveCountMax}th`
      } receive.`,
      ""
    )
  }
  return [
    "### Measured on the model",
    "",
    `Each row: the same ${runs} generated runs of the model on \`examples/configs/${queueAndStreamConfigName}.json\` (a stream beside ${sources} queues`,
    `and ${deadLetterQueues} dead-letter queues), with consumer crashes, visibility timeouts that run out, releases, extensions, stale`,
    "acknowledgements, retried sends and redrives mixed in, each run ending with the drain: the stream's group polls every",
    "partition empty, a drainer receives, processes and acknowledges every queue that is no dead-letter queue empty, and every",
    "queue is listed. A cell says in how many runs something happened and, in brackets, to how many records or messages over",
    "all runs. A message counts as lost when it was enqueued and never processed, is not in its dead-letter queue's last",
    "listing, and is not held by a running consumer when the run ends; as processed twice when two `QueueProcessed` answers",
    "name it; as redelivered when two receives returned it. Every claim is checked on the whole run; a row lists the claims",
    "that cover its channel.",
    "",
    "| channel | kind | consumer protocol | runs that lost one | runs that processed one twice | runs with a redelivery | runs that dead-lettered one | guarantees that held in every run | violated |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows.map(factsRow),
    "",
    ...sentences
  ]
}

const sideBySide: ReadonlyArray<string> = [
  "### What each kind guarantees",
  "",
  "| | stream (`topics` and `groups`) | queue (`queues`) |",
  "|---|---|---|",
  "| what the broker keeps | a retained log: a record stays after it is read | a message until a consumer acknowledges (deletes) it |",
  "| who reads | every group reads every record, at its own pace, with its own committed offsets (`GroupsAreIndependent`) | competing consumers: a receive hides the message from the others for `visibilityTimeoutMs` |",
  "| where a reader is | an offset per partition per group, moved by a commit | nowhere: each message has a receipt per receive and a receive count |",
  "| redelivery | after a crash or a rebalance, every record past the committed offset | one message, once its visibility timeout runs out or its consumer releases it (`VisibilityTimeoutRedelivers`) |",
  "| replay | a seek to any retained offset (`ConsumerSeek`) | none: a deleted message is gone; a redrive returns a dead-letter queue's messages to their source (`RedriveReturnsDeadLetters`) |",
  "| order | per partition, so per key (`PartitionOrderPreserved`) | none in a standard queue; FIFO: per message group, one message of a group in flight at a time (`FifoGroupOrderPreserved`) |",
  "| a message that always fails | redelivered after every crash until the group commits past it; a retry policy and a dead-letter topic are the application's (issue #9) | moved to the dead-letter queue after `receiveCountMax` receives, a crashed consumer's included (`PoisonMessagesEndInTheDeadLetterQueue`) |",
  "| a producer's retry | an idempotent producer's sequence numbers write it once (`IdempotentSendsWriteOnce`) | a FIFO queue's deduplication id suppresses it within `dedupWindowMs`, and only then (`DeduplicationWindowSuppresses`) |",
  "| a late acknowledgement | a commit from an older generation is fenced (`StaleCommitsAreFenced`) | a stale receipt deletes nothing (`StaleReceiptsDoNotDelete`) |",
  "| at-least-once | no acknowledged record lost after the drain (`NoLossUnderAtLeastOnce`) | no message lost: processed, or in the dead-letter queue (`QueueNoLossUnderAtLeastOnce`) |",
  "| exactly-once | transactions: consume, transform, produce and commit offsets atomically (`ExactlyOnceWithinTheBroker`) | not offered: a queue's consumers are at-most-once or at-least-once, made safe by an idempotent consumer |",
  ""
]

const staleReceipt = (): ReadonlyArray<string> => {
  const story: Story = staleReceiptStory()
  const stale = story.responses.findIndex((response) => response._tag === "Acknowledged" && !response.deleted)
  const deleted = story.responses.findIndex((response) => response._tag === "Acknowledged" && response.deleted)
  const listing = story.responses[stale + 1]
  const stayed = listing?._tag === "QueueListed" ? listing.messages.length : 0
  return [
    "### The stale receipt",
    "",
    "A receipt names one receive. Consumer `a` receives a job and is slow; the 30 s visibility timeout runs out and consumer `b`",
    "receives the job again, with a new receipt. When `a` finishes and deletes with its old receipt, SQS answers with success and",
    "keeps the message (its docs: you must provide the most recently received receipt handle, \"otherwise the request succeeds, but",
    `the message might not be deleted\"). qsem makes the "might not" exact: the model answers \`Acknowledged\` with \`deleted: ${
      stale >= 0 ? "false" : "true"
    }\``,
    `(step ${stale + 1}), the listing after it still holds ${stayed} message${stayed === 1 ? "" : "s"}, and only \`b\`'s delete with the latest receipt removes it (step ${deleted + 1}).`,
    "So a slow consumer cannot delete the message another consumer is working on, and a consumer and a checker can tell a",
    "delete that happened from one that did not. The job was processed twice all the same: that is at-least-once.",
    "",
    fence("text", formatStepTable({ commands: story.commands, actual: story.responses })),
    "",
    fence("mermaid", formatSequenceDiagram(story.commands, story.responses)),
    ""
  ]
}

/** The section's lines (Markdown), measured on the model with `seed`. */
export const queueSection = (seed: number): ReadonlyArray<string> => [
  "## Queue vs stream",
  "",
  "The domain text draws the line:",
  "",
  "> \"Queue\" usually means messages are delivered once and removed (SQS, RabbitMQ). \"Stream\" or \"log\" usually means",
  "> messages are retained for some window and can be re-read (Kafka, Kinesis). The semantic difference is whether multiple",
  "> independent consumer groups can read the same data at their own pace. Pick \"queue\" when one group consumes; pick",
  "> \"stream\" when many do.",
  "",
  "qsem models both in one config: `topics` read by consumer groups, and `queues` (`QueueConfig` in spec/config.ts) read by",
  "competing consumers, with a visibility timeout, a receive count and a redrive policy to a dead-letter queue (SQS's",
  "`maxReceiveCount`, RabbitMQ quorum queues' `delivery-limit`, NATS JetStream's `MaxDeliver`), and FIFO queues with message",
  "groups and a deduplication window. Their commands are in spec/command/queue.ts; `npx qsem check --config",
  `examples/configs/${queueAndStreamConfigName}.json\` checks both kinds in the same runs.`,
  "",
  ...sideBySide,
  ...measured(seed),
  ...staleReceipt()
]
