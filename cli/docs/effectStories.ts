/**
 * Small stories for the "Where exactly-once ends" section of
 * `docs/semantics.md`, each a fixed list of commands played on the model:
 * the exactly-once group whose external effect runs twice, the domain text's
 * double charge under each idempotent-consumer remedy, the two orders of a
 * dedup key and its effect, a conditional update rejecting a redelivery, and
 * the three ways a service publishes its events. The answers (and so every
 * outcome the docs state) are the model's.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config, EffectConfig, GroupConfig, PublishMode } from "../../spec/config.ts"
import type { Response, ResponseOf } from "../../spec/response.ts"
import { init, run } from "../../model/index.ts"

/** A story: a title, its config, its commands and the model's answers. */
export interface Story {
  readonly title: string
  readonly config: Config
  readonly commands: ReadonlyArray<Command>
  readonly responses: ReadonlyArray<Response>
}

const bounds = { producersMax: 1, membersPerGroupMax: 1, keysMax: 1, recordsPerPollMax: 2, clockAdvanceMsMax: 40_000, commandsMax: 30 }

const told = (title: string, config: Config, commands: ReadonlyArray<Command>): Story => ({
  title,
  config,
  commands,
  responses: run(init(config), commands).responses
})

const member = (group: string) => ({ group, member: "w1" }) as const

/** A crash, a session expiry and a rejoin: the redelivery of everything the member had not committed. */
const crashAndRejoin = (group: string, recordsMax: number): ReadonlyArray<Command> => [
  { _tag: "ConsumerCrash", ...member(group) },
  { _tag: "ClockAdvance", ms: 30_000 },
  { _tag: "GroupJoin", ...member(group) },
  { _tag: "ConsumerPoll", ...member(group), recordsMax }
]

const oneGroup = (topic: string, group: GroupConfig, extraTopics: ReadonlyArray<string> = []): Config => ({
  topics: [{ name: topic, partitions: 1 }, ...extraTopics.map((name) => ({ name, partitions: 1 }))],
  groups: [group],
  sessionTimeoutMs: 30_000,
  bounds
})

const payment = { topic: "payments", partition: 0, offset: 0 } as const

/**
 * The double charge of the domain text: a payments worker charges, crashes
 * before it commits, and the redelivery reaches the charge again, under the
 * given effect (the naive worker, an idempotency key, a too-short window).
 */
export const doubleChargeStory = (title: string, effect: EffectConfig): Story => {
  const group = "charge"
  return told(title, oneGroup("payments", { name: group, mode: "at-least-once", assignor: "range", topics: ["payments"], effect }), [
    { _tag: "ProducerSend", producer: "checkout", topic: "payments", key: "order-7", value: "pay-order-7" },
    { _tag: "GroupJoin", ...member(group) },
    { _tag: "ConsumerPoll", ...member(group), recordsMax: 1 },
    { _tag: "ConsumerProcess", ...member(group), ...payment },
    ...crashAndRejoin(group, 1),
    { _tag: "ConsumerProcess", ...member(group), ...payment },
    { _tag: "ConsumerCommit", ...member(group), offsets: [{ ...payment, offset: 1 }] },
    { _tag: "ObserverEffects", group }
  ])
}

/** The double charge under the naive worker, an idempotency key with SQS FIFO's 5-minute window, and one with a 5-second window. */
export const doubleChargeStories = (): ReadonlyArray<Story> => [
  doubleChargeStory("no remedy", { remedy: "none" }),
  doubleChargeStory("idempotency key, 5-minute window", { remedy: "idempotency-key", dedupWindowMs: 300_000 }),
  doubleChargeStory("idempotency key, 5-second window", { remedy: "idempotency-key", dedupWindowMs: 5_000 })
]

/**
 * A dedup key and its effect written as two steps, with a crash between
 * them; the redelivery then meets what the first write left.
 */
export const dedupOrderStory = (dedupOrder: "key-then-effect" | "effect-then-key"): Story => {
  const group = "charge"
  return told(
    dedupOrder,
    oneGroup("payments", { name: group, mode: "at-least-once", assignor: "range", topics: ["payments"], effect: { remedy: "idempotency-key", dedupOrder } }),
    [
      { _tag: "ProducerSend", producer: "checkout", topic: "payments", key: "order-7", value: "pay-order-7" },
      { _tag: "GroupJoin", ...member(group) },
      { _tag: "ConsumerPoll", ...member(group), recordsMax: 1 },
      { _tag: "ConsumerProcess", ...member(group), ...payment, crashMidway: true },
      { _tag: "ClockAdvance", ms: 30_000 },
      { _tag: "GroupJoin", ...member(group) },
      { _tag: "ConsumerPoll", ...member(group), recordsMax: 1 },
      { _tag: "ConsumerProcess", ...member(group), ...payment },
      { _tag: "ConsumerCommit", ...member(group), offsets: [{ ...payment, offset: 1 }] },
      { _tag: "ObserverEffects", group }
    ]
  )
}

/** A conditional update: two versions of one account applied, then redelivered after a crash and rejected. */
export const conditionalUpdateStory = (): Story => {
  const group = "balances"
  const account = (offset: number) => ({ topic: "accounts", partition: 0, offset }) as const
  return told(
    "conditional update",
    oneGroup("accounts", {
      name: group,
      mode: "at-least-once",
      assignor: "range",
      topics: ["accounts"],
      processingOrder: "delivery",
      effect: { remedy: "conditional-update" }
    }),
    [
      { _tag: "ProducerSend", producer: "ledger", topic: "accounts", key: "acct-1", value: "balance=10" },
      { _tag: "ProducerSend", producer: "ledger", topic: "accounts", key: "acct-1", value: "balance=25" },
      { _tag: "GroupJoin", ...member(group) },
      { _tag: "ConsumerPoll", ...member(group), recordsMax: 2 },
      { _tag: "ConsumerProcess", ...member(group), ...account(0) },
      { _tag: "ConsumerProcess", ...member(group), ...account(1) },
      ...crashAndRejoin(group, 2),
      { _tag: "ConsumerProcess", ...member(group), ...account(0) },
      { _tag: "ConsumerProcess", ...member(group), ...account(1) },
      { _tag: "ConsumerCommit", ...member(group), offsets: [account(2)] },
      { _tag: "ObserverEffects", group }
    ]
  )
}

/**
 * Exactly-once with an external effect: the member charges and writes its
 * result inside a transaction, crashes before the commit, and the second
 * attempt charges again while only one result commits.
 */
export const exactlyOnceEffectStory = (): Story => {
  const app = member("billing")
  const input = { topic: "orders", partition: 0, offset: 0 } as const
  const producer = "billing/w1"
  const attempt: ReadonlyArray<Command> = [
    { _tag: "ProducerInit", producer },
    { _tag: "ConsumerPoll", ...app, recordsMax: 1 },
    { _tag: "TxnBegin", producer },
    { _tag: "ConsumerProcess", ...app, ...input },
    { _tag: "TxnSendOffsets", producer, ...app, offsets: [{ ...input, offset: 1 }] }
  ]
  return told(
    "exactly-once with an external effect",
    oneGroup(
      "orders",
      { name: "billing", mode: "exactly-once", assignor: "range", topics: ["orders"], outputTopic: "invoices", effect: { remedy: "none" } },
      ["invoices"]
    ),
    [
      { _tag: "ProducerSend", producer: "checkout", topic: "orders", key: "order-7", value: "charge-order-7" },
      { _tag: "GroupJoin", ...app },
      ...attempt,
      { _tag: "ConsumerCrash", ...app },
      { _tag: "ClockAdvance", ms: 30_000 },
      { _tag: "GroupJoin", ...app },
      ...attempt,
      { _tag: "TxnCommit", producer },
      { _tag: "ObserverDump", topic: "invoices", partition: 0, offset: 0, entriesMax: 100 },
      { _tag: "ObserverEffects", group: "billing" }
    ]
  )
}

/**
 * A service publishing one order event in the given mode, crashing in the
 * middle of it; for the outbox also a relay that crashes between its send
 * and its mark. Ends with the topic's dump and the service's tables.
 */
export const publishStory = (publish: PublishMode): Story => {
  const service = "orders"
  const config: Config = {
    topics: [{ name: "order-events", partitions: 1 }],
    groups: [],
    services: [{ name: service, topic: "order-events", publish }],
    sessionTimeoutMs: 30_000,
    bounds
  }
  const write = (crashMidway: boolean): Command =>
    crashMidway ? { _tag: "ServiceWrite", service, event: "order-1-placed", key: "order-1", crashMidway } : { _tag: "ServiceWrite", service, event: "order-1-placed", key: "order-1" }
  const middle: ReadonlyArray<Command> = publish === "outbox"
    ? [
      write(true),
      write(false),
      { _tag: "RelayPublish", service, crashMidway: true },
      { _tag: "RelayPublish", service },
      { _tag: "RelayPublish", service }
    ]
    : [write(true)]
  return told(publish, config, [
    ...middle,
    { _tag: "ObserverDump", topic: "order-events", partition: 0, offset: 0, entriesMax: 100 },
    { _tag: "ObserverService", service }
  ])
}

/** The last answer of a story with the given tag (its final listing or dump). */
export const lastAnswerOf = <Tag extends Response["_tag"]>(story: Story, tag: Tag): ResponseOf<Tag> => {
  for (let index = story.responses.length - 1; index >= 0; index--) {
    const response = story.responses[index]!
    if (response._tag === tag) return response as ResponseOf<Tag>
  }
  throw new Error(`the story "${story.title}" has no ${tag} answer`)
}
