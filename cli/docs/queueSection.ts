/**
 * The "Queue vs stream" section of `docs/semantics.md`: the domain text's
 * distinction quoted, what each kind guarantees side by side (each row
 * naming the claims of `spec/catalogue.ts` that check it), the two kinds
 * measured on the model in the same runs of the shipped
 * `examples/configs/queue-and-stream.json` (`queueMeasured.ts`; the table
 * layout of "Delivery modes, measured"), and the stale receipt told on the
 * model (`queueStories.ts`).
 *
 * @module
 */
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import { formatStepTable } from "../../properties/format/stepTable.ts"
import type { Story } from "./effectStories.ts"
import { formatSequenceDiagram } from "./mermaid.ts"
import { type ChannelFacts, type Count, queueAndStreamFactsOf } from "./queueMeasured.ts"
import { deadLetterTriageConfigName, queueAndStreamConfigName, staleReceiptStory, triageStory } from "./queueStories.ts"

const fence = (language: string, body: string) => `\`\`\`${language}\n${body}\n\`\`\``

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
      emails.messagesHeldAtEnd === 0
        ? "crashed before processing them; a consumer still running at the end finishes what it holds in the drain, so nothing else is lost."
        : `crashed before processing them. ${emails.messagesHeldAtEnd} more were still in a running consumer's buffer when the run ended; they are not counted lost.`,
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
      `queue${(jobs.deadLettered?.runs ?? 0) === 0 ? "" : ` (in ${jobs.deadLettered?.runs} runs)`}, where the drain leaves it for an operator to inspect or redrive.`,
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

/** The receive count of the first message of the `Received` answer at `index`, or 0. */
const countAt = (story: Story, index: number): number => {
  const response = story.responses[index]
  return response?._tag === "Received" ? response.messages[0]?.receiveCount ?? 0 : 0
}

const triage = (): ReadonlyArray<string> => {
  const story = triageStory()
  const moved = story.responses.findIndex((response) => response._tag === "ClockAdvanced" && (response.deadLettered ?? []).length > 0)
  const looked = story.responses.findIndex((response) => response._tag === "Received" && response.queue === "jobs-dlq")
  const redriven = story.responses.findIndex((response) => response._tag === "Redriven")
  const again = story.responses.findIndex((response, index) => index > redriven && response._tag === "Received")
  const listing = story.responses.at(-1)
  const left = listing?._tag === "QueueListed" ? listing.messages.length : -1
  return [
    "### Triage, then redrive",
    "",
    `On \`examples/configs/${deadLetterTriageConfigName}.json\`, a job is received twice and never finished, so it moves to \`jobs-dlq\``,
    `when its second visibility timeout ends (step ${moved + 1}). An operator receives it there to look (step ${looked + 1}, receive count`,
    `${countAt(story, looked)}: every receive counts, in the dead-letter queue too) and releases it. Once the bug is fixed, the redrive returns it to`,
    `\`jobs\` (step ${redriven + 1}), where its next receive counts from ${countAt(story, again)} (step ${again + 1}), and the dead-letter queue is left with`,
    `${left} message${left === 1 ? "" : "s"}. A redrive that took the released job for one still being worked on would leave it there for good`,
    "(`mutant:redrive-skips-received`, caught by `RedriveReturnsDeadLetters`); RabbitMQ's quorum queues keep it but put it last,",
    "so their redrive returns the dead-letter queue out of order (\"Real brokers\", below).",
    "",
    fence("text", formatStepTable({ commands: story.commands, actual: story.responses })),
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
  "A dead-letter queue is \"a queue that needs its own SLO, not a write-only sink\" (the domain text): someone triages it.",
  "A dead-letter queue marked `inspected` gets consumers that receive from it, look, and release or extend what they",
  "received, never deleting it; `examples/configs/dead-letter-triage.json` dead-letters after one or two receives, so",
  "most runs triage and redrive, and a redrive must then return what was looked at and let go (`RedriveReturnsDeadLetters`).",
  "",
  ...sideBySide,
  ...measured(seed),
  ...staleReceipt(),
  ...triage()
]
