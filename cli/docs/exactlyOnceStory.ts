/**
 * One story told twice for `docs/semantics.md`: a member processes a record,
 * writes its result to an output topic, and crashes before it commits. Under
 * at-least-once the record is redelivered and its result written again: two
 * results. Under exactly-once the result was written inside a transaction
 * that the restarted producer's `ProducerInit` aborts, so the second attempt
 * leaves the only committed result. Both runs are the model's answers.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config, DeliveryMode } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"
import { init, run } from "../../model/index.ts"
import { dumpedLogsOf } from "../../properties/guarantees/internal/dumps.ts"

/** A run of the story: its config, commands and the model's answers. */
export interface StoryRun {
  readonly mode: DeliveryMode
  readonly config: Config
  readonly commands: ReadonlyArray<Command>
  readonly responses: ReadonlyArray<Response>
}

const storyConfig = (mode: DeliveryMode): Config => ({
  topics: [{ name: "orders", partitions: 1 }, { name: "results", partitions: 1 }],
  groups: [
    mode === "exactly-once"
      ? { name: "app", mode, assignor: "range", topics: ["orders"], outputTopic: "results" }
      : { name: "app", mode, assignor: "range", topics: ["orders"] }
  ],
  sessionTimeoutMs: 30_000,
  bounds: { producersMax: 1, membersPerGroupMax: 1, keysMax: 1, recordsPerPollMax: 1, clockAdvanceMsMax: 40_000, commandsMax: 20 }
})

const app = { group: "app", member: "m1" } as const
const input = { topic: "orders", partition: 0, offset: 0 } as const
const dumpResults: Command = { _tag: "ObserverDump", topic: "results", partition: 0, offset: 0, entriesMax: 100 }

/** At-least-once: process (the application writes the result itself), crash before the commit, redelivery. */
const atLeastOnceCommands: ReadonlyArray<Command> = [
  { _tag: "ProducerSend", producer: "shop", topic: "orders", key: "order-7", value: "charge 7" },
  { _tag: "GroupJoin", ...app },
  { _tag: "ConsumerPoll", ...app, recordsMax: 1 },
  { _tag: "ConsumerProcess", ...app, ...input },
  { _tag: "ProducerSend", producer: "app-m1", topic: "results", key: "order-7", value: "orders/0@0" },
  { _tag: "ConsumerCrash", ...app },
  { _tag: "ClockAdvance", ms: 30_000 },
  { _tag: "GroupJoin", ...app },
  { _tag: "ConsumerPoll", ...app, recordsMax: 1 },
  { _tag: "ConsumerProcess", ...app, ...input },
  { _tag: "ProducerSend", producer: "app-m1", topic: "results", key: "order-7", value: "orders/0@0" },
  { _tag: "ConsumerCommit", ...app, offsets: [{ ...input, offset: 1 }] },
  dumpResults
]

/** Exactly-once: the same story inside transactions; the restarted producer's init aborts the first attempt. */
const exactlyOnceCommands: ReadonlyArray<Command> = [
  { _tag: "ProducerSend", producer: "shop", topic: "orders", key: "order-7", value: "charge 7" },
  { _tag: "GroupJoin", ...app },
  { _tag: "ProducerInit", producer: "app/m1" },
  { _tag: "ConsumerPoll", ...app, recordsMax: 1 },
  { _tag: "TxnBegin", producer: "app/m1" },
  { _tag: "ConsumerProcess", ...app, ...input },
  { _tag: "TxnSendOffsets", producer: "app/m1", ...app, offsets: [{ ...input, offset: 1 }] },
  { _tag: "ConsumerCrash", ...app },
  { _tag: "ClockAdvance", ms: 30_000 },
  { _tag: "GroupJoin", ...app },
  { _tag: "ProducerInit", producer: "app/m1" },
  { _tag: "ConsumerPoll", ...app, recordsMax: 1 },
  { _tag: "TxnBegin", producer: "app/m1" },
  { _tag: "ConsumerProcess", ...app, ...input },
  { _tag: "TxnSendOffsets", producer: "app/m1", ...app, offsets: [{ ...input, offset: 1 }] },
  { _tag: "TxnCommit", producer: "app/m1" },
  dumpResults
]

const told = (mode: DeliveryMode, commands: ReadonlyArray<Command>): StoryRun => {
  const config = storyConfig(mode)
  return { mode, config, commands, responses: run(init(config), commands).responses }
}

/** The story under at-least-once and under exactly-once, as the model answers it. */
export const exactlyOnceStory = (): readonly [StoryRun, StoryRun] => [
  told("at-least-once", atLeastOnceCommands),
  told("exactly-once", exactlyOnceCommands)
]

/**
 * The results a `read_committed` reader of the story's output topic sees in
 * its final dump: data entries not in a transaction, or whose transaction
 * committed.
 */
export const committedResultsOf = (story: StoryRun): ReadonlyArray<string> => {
  const history = story.commands.map((command, index) => ({ command, response: story.responses[index]! }))
  const logs = dumpedLogsOf(history)
  const results = logs.partition("results", 0)
  if (results === undefined) throw new Error(`the ${story.mode} story must end with a dump of its results`)
  return logs.dataOf(results).flatMap((entry) => {
    const fate = logs.fate("results", 0, entry.offset)
    return fate === "plain" || fate === "committed" ? [entry.value] : []
  })
}
