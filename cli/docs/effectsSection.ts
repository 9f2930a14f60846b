/**
 * The "Where exactly-once ends" section of `docs/semantics.md`: the
 * exactly-once group whose external effect runs twice, the three
 * idempotent-consumer remedies side by side (what each guarantees, what it
 * costs, how it fails), the domain text's double charge under each, and the
 * outbox against the dual write. Every outcome stated is read from the
 * model's answers to the stories of `effectStories.ts`, each shown as a step
 * table and a sequence diagram.
 *
 * @module
 */
import type { Response } from "../../spec/response.ts"
import { formatStepTable } from "../../properties/format/stepTable.ts"
import { dumpedLogsOf } from "../../properties/guarantees/internal/dumps.ts"
import {
  conditionalUpdateStory,
  dedupOrderStory,
  doubleChargeStories,
  exactlyOnceEffectStory,
  lastAnswerOf,
  publishStory,
  type Story
} from "./effectStories.ts"
import { formatSequenceDiagram } from "./mermaid.ts"

const fence = (language: string, body: string) => `\`\`\`${language}\n${body}\n\`\`\``

/** A story as its step table and its sequence diagram. */
const shown = (story: Story): ReadonlyArray<string> => [
  fence("text", formatStepTable({ commands: story.commands, actual: story.responses })),
  "",
  fence("mermaid", formatSequenceDiagram(story.commands, story.responses)),
  ""
]

const times = (count: number): string => (count === 1 ? "once" : count === 2 ? "twice" : `${count} times`)

/** How many times the story's group applied its effect, by its final `EffectsListed` ledger. */
export const appliedCountOf = (story: Story): number => lastAnswerOf(story, "EffectsListed").applied.length

/** The committed entries of the story's output topic `invoices` in its final dump (not transactional, or whose transaction committed). */
export const committedEntriesOf = (story: Story): number => {
  const history = story.commands.map((command, index) => ({ command, response: story.responses[index]! }))
  const logs = dumpedLogsOf(history)
  const invoices = logs.partition("invoices", 0)
  if (invoices === undefined) throw new Error(`the story "${story.title}" must end with a dump of invoices`)
  return logs.dataOf(invoices).filter((entry) => {
    const fate = logs.fate("invoices", 0, entry.offset)
    return fate === "plain" || fate === "committed"
  }).length
}

/** What the story's service published: data entries of its final dump. */
const publishedCountOf = (story: Story): number => lastAnswerOf(story, "Dumped").entries.filter((entry) => entry._tag === "Data").length

/** What the story's service committed: rows of its final `ServiceListed`. */
const committedRowsOf = (story: Story): number => lastAnswerOf(story, "ServiceListed").rows.length

const outcomesOf = (story: Story): ReadonlyArray<string> =>
  story.responses.flatMap((response: Response) =>
    (response._tag === "Processed" || response._tag === "ProcessCrashed") && response.effect !== undefined ? [response.effect.outcome] : []
  )

const exactlyOnceEnds = (): ReadonlyArray<string> => {
  const story = exactlyOnceEffectStory()
  return [
    "### Exactly-once, and the charge made twice",
    "",
    "An exactly-once group `billing` charges a customer (an external effect, remedy `none`) while it writes its invoice to",
    "`invoices` inside its transaction, and crashes before the commit. Its restarted producer's `ProducerInit` aborts the",
    `first attempt, and the second attempt commits: \`invoices\` holds ${committedEntriesOf(story)} committed invoice, and the ledger`,
    `shows the charge made ${times(appliedCountOf(story))}. The transaction rolled back what was inside the broker; the charge was not`,
    "inside it (`ExactlyOnceStopsAtExternalEffects`).",
    "",
    ...shown(story)
  ]
}

const remediesTable = (): ReadonlyArray<string> => [
  "### The three remedies side by side",
  "",
  "| remedy | what it guarantees | what it costs | how it fails |",
  "|---|---|---|---|",
  "| idempotency key (`effect.remedy: \"idempotency-key\"`) | each message id applied once within `dedupWindowMs` (`IdempotencyKeySkipsDuplicatesWithinTheWindow`) | a dedup store written with every effect, and its memory: ids kept for the window | a duplicate after the window applies again (`DedupWindowExpiryReapplies`); with the key and the effect as two writes, a crash between them loses the effect (`key-then-effect`) or repeats it (`effect-then-key`) (`DedupKeyFirstCanLoseEffects`, `DedupEffectFirstCanDuplicate`) |",
  "| conditional update (`\"conditional-update\"`) | each entity ends as if each distinct message was applied once, in order (`ConditionalUpdatesApplyOnceInOrder`) | a version on every entity and every message, and a consumer that processes one key in order | a message processed out of order, or after a lost one, fails its precondition for good; at-most-once loses the rest of the key |",
  "| transactional outbox (`services[].publish: \"outbox\"`) | no committed event lost, no uncommitted one published (`OutboxNeverLosesACommittedEvent`, `OutboxNeverPublishesAnUncommittedEvent`) | an outbox table in the service's database and a relay | the relay publishes at least once, so consumers still dedup by event id; a dual write instead loses or invents events (`DualWriteCanLoseOrInventEvents`) |",
  ""
]

const doubleCharge = (): ReadonlyArray<string> => {
  const stories = doubleChargeStories()
  const lines = [
    "### The double charge",
    "",
    "The domain text's payments worker under at-least-once: it charges, crashes before it commits, its session expires",
    "30 s later, it rejoins, and the payment is redelivered. The same commands under three effects:",
    "",
    "| effect | outcomes of the two processings | charges in the ledger |",
    "|---|---|---|"
  ]
  for (const story of stories) lines.push(`| ${story.title} | ${outcomesOf(story).join(", ")} | ${appliedCountOf(story)} |`)
  lines.push(
    "",
    "The idempotency key remembers `pay-order-7` for five minutes, so the redelivery 30 s later is skipped; remembered for five",
    "seconds, the key has expired by the time the redelivery arrives, and the customer is charged twice again. The run with the",
    "5-minute window:",
    "",
    ...shown(stories[1]!)
  )
  return lines
}

const dedupOrders = (): ReadonlyArray<string> => {
  const keyFirst = dedupOrderStory("key-then-effect")
  const effectFirst = dedupOrderStory("effect-then-key")
  return [
    "### Key first or effect first",
    "",
    "When the dedup key and the effect are two writes (a processed-messages table beside a payment API that takes no key),",
    "a crash between them decides the failure. Recording the key first (`key-then-effect`) leaves a key without its charge:",
    `the redelivery is skipped and the ledger holds ${appliedCountOf(keyFirst)} charge${appliedCountOf(keyFirst) === 1 ? "" : "s"}, a lost payment. Charging first`,
    `(\`effect-then-key\`) leaves a charge without its key: the redelivery charges again, ${times(appliedCountOf(effectFirst))} in all. Writing both in one`,
    "transaction (`atomic`, the default) has neither failure.",
    "",
    ...shown(keyFirst),
    ...shown(effectFirst)
  ]
}

const conditionalUpdate = (): ReadonlyArray<string> => {
  const story = conditionalUpdateStory()
  const entity = lastAnswerOf(story, "EffectsListed").entities[0]
  return [
    "### Conditional update",
    "",
    "\"Set the balance to version N if it is at N-1\": the worker applies versions 1 and 2 of `acct-1`, crashes before it",
    `commits, and gets both again. Outcomes: ${outcomesOf(story).join(", ")}. The account ends at version ${entity?.version ?? "none"} with`,
    `\`${entity?.value ?? ""}\`: each distinct message applied once, in order.`,
    "",
    ...shown(story)
  ]
}

const outbox = (): ReadonlyArray<string> => {
  const stories = (["outbox", "commit-then-send", "send-then-commit"] as const).map(publishStory)
  const lines = [
    "### The outbox and the dual write",
    "",
    "A service writes an order and publishes `order-1-placed`, and crashes in the middle. With an outbox the crash is",
    "inside one local transaction (it rolls back), and the relay, which also crashes once between its send and its mark,",
    "publishes the committed event at least once. A dual write has no such transaction:",
    "",
    "| publish | committed business rows | events in the topic | outcome |",
    "|---|---|---|---|"
  ]
  for (const story of stories) {
    const rows = committedRowsOf(story)
    const published = publishedCountOf(story)
    const outcome = rows === 0 && published > 0
      ? "a phantom: published, never committed"
      : rows > 0 && published === 0
        ? "lost: committed, never published"
        : published > rows
          ? "published at least once (a duplicate consumers dedup by event id)"
          : "published once"
    lines.push(`| \`${story.title}\` | ${rows} | ${published} | ${outcome} |`)
  }
  lines.push("", ...stories.flatMap(shown))
  return lines
}

const scenarios = (): ReadonlyArray<string> => [
  "### The practice scenarios, runnable",
  "",
  "Each is a config in `examples/configs/` that `npm test` checks with `qsem check` on the built-in broker:",
  "",
  "- `double-charge.json`: the payments worker with no remedy (charges twice after a crash), an idempotency key (once), a",
  "  too-short window (twice again), and the two write orders of a separate dedup table.",
  "- `conditional-update.json`: account balances as versioned entities; redeliveries and retried sends are rejected.",
  "- `outbox.json`: one service per publish mode on one topic, read by a consumer that dedups by event id.",
  "- `external-effects.json`: exactly-once groups with an external effect, with and without an idempotency key.",
  "- `per-user-ordering.json`: per-user order by key, the hot key and the idle member (above).",
  "- `bounded-queues.json`: the queue in front of a bottlenecked database, one queue per overflow regime; \"Backpressure,",
  "  measured\" (below) plays the scenario on it tick by tick.",
  ""
]

/** The section, as lines of markdown. */
export const effectsSection = (): ReadonlyArray<string> => [
  "## Where exactly-once ends",
  "",
  "Transactions cover what stays inside the broker. Everything that leaves it (a charge, a row, an email) is at-least-once,",
  "made safe by an idempotent consumer. A group's `effect` (spec/config.ts) applies its processing to a store outside the",
  "broker, with one of the remedies below, and a service's `publish` mode says how its events reach the broker. Every",
  "outcome in this section is the model's answer to the commands shown (from `cli/docs/effectStories.ts`).",
  "",
  ...exactlyOnceEnds(),
  ...remediesTable(),
  ...doubleCharge(),
  ...dedupOrders(),
  ...conditionalUpdate(),
  ...outbox(),
  ...scenarios()
]
