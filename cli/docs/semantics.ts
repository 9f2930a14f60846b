/**
 * Generates `docs/semantics.md`: the guarantee catalogue, facts computed by
 * running the model for each delivery mode (the three side by side, sampled,
 * then explored exhaustively within small bounds: `exploredMatrix.ts`), one
 * crash told under at-least-once and under exactly-once, hot keys and idle
 * members beyond the partition count (`hotKeysSection.ts`), where
 * exactly-once ends (`effectsSection.ts`: external effects, the
 * idempotent-consumer remedies, the outbox and the dual write), queue vs
 * stream (`queueSection.ts`: the two kinds side by side, measured on the
 * shipped queue-and-stream config, and the stale receipt), backpressure
 * (`backpressureSection.ts`: the queue in front of a bottlenecked database,
 * played on the bounded-queues config per overflow regime and number of
 * consumers, with charts; and `streamLagSection.ts`: a group's lag over a
 * run where the producer outpaces one to four members of a three-partition
 * topic, the partition-count ceiling), retry storms and the circuit breaker
 * (`retryStormSection.ts`: an outage of the downstream, with and without a
 * breaker, the dead letters and their redrive), what the real brokers
 * really guarantee (`realBrokersSection.ts`, from docs/brokers/results.json,
 * which `qsem brokers` writes), a minimal witness
 * of each guarantee as a step table and a sequence diagram, and the command
 * rules quoted from the spec.
 *
 * @module
 */
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as fc from "fast-check"
import { catalogue, guaranteeById } from "../../spec/catalogue.ts"
import type { Config, DeliveryMode } from "../../spec/config.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import { choicesArbitrary } from "../../properties/choice.ts"
import { evaluateRun } from "../../properties/check/evaluate.ts"
import { formatStepTable } from "../../properties/format/stepTable.ts"
import { notApplicableReasonOf } from "../../properties/guarantees/applicability.ts"
import { guaranteeCheckById, guaranteeChecks } from "../../properties/guarantees/index.ts"
import { runChoicesOnModel } from "../../properties/modelRun.ts"
import { historyOf } from "../../properties/run.ts"
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import { exactlyOnceStory, committedResultsOf as storyResultsOf } from "./exactlyOnceStory.ts"
import { committedResultsOf, duplicatedRecordsOf, lostRecordsOf } from "./facts.ts"
import { backpressureSection } from "./backpressureSection.ts"
import { streamLagSection } from "./streamLagSection.ts"
import { retryStormSection } from "./retryStormSection.ts"
import { realBrokersSection } from "./realBrokersSection.ts"
import { exploredMatrixSection } from "./exploredMatrix.ts"
import { effectsSection } from "./effectsSection.ts"
import { hotKeysSection } from "./hotKeysSection.ts"
import { queueHalvesOf } from "./queueMeasured.ts"
import { queueSection } from "./queueSection.ts"
import { queueAndStreamConfigName } from "./queueStories.ts"
import { formatSequenceDiagram } from "./mermaid.ts"
import { moduleComment, taggedStructComments } from "./specComments.ts"
import { minimalWitness } from "./witness.ts"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")

/** The fixed seed of every search the docs run, so the output is stable. */
export const docsSeed = 20_261_127

/** Runs per delivery mode for the computed facts, and the budget of a witness search. */
export const docsRuns = { facts: 150, witness: 400 } as const

const bounds = {
  producersMax: 2,
  membersPerGroupMax: 3,
  keysMax: 3,
  recordsPerPollMax: 3,
  clockAdvanceMsMax: 40_000,
  commandsMax: 24
}

/** The config the witnesses run on: one topic read by one group of each mode. */
export const configDocs: Config = {
  topics: [{ name: "orders", partitions: 2 }],
  groups: [
    { name: "billing", mode: "at-least-once", assignor: "range", topics: ["orders"] },
    { name: "metrics", mode: "at-most-once", assignor: "round-robin", topics: ["orders"] }
  ],
  sessionTimeoutMs: 30_000,
  bounds
}

/**
 * The config the witnesses of the transactional guarantees run on: an
 * exactly-once group writing `results`, read by a read_committed and a
 * read_uncommitted group, an idempotent and a plain producer that lose
 * acknowledgements, and two instances of one transactional producer.
 */
export const configDocsTransactional: Config = {
  topics: [{ name: "orders", partitions: 2 }, { name: "results", partitions: 1 }],
  groups: [
    { name: "billing", mode: "exactly-once", assignor: "range", topics: ["orders"], outputTopic: "results" },
    { name: "audit", mode: "at-least-once", assignor: "range", topics: ["results"], isolation: "read_committed" },
    { name: "metrics", mode: "at-most-once", assignor: "range", topics: ["results"] }
  ],
  producers: [
    { name: "checkout", idempotent: true },
    { name: "legacy", idempotent: false },
    { name: "ledger-a", idempotent: true, transactionalId: "ledger" },
    { name: "ledger-b", idempotent: true, transactionalId: "ledger" }
  ],
  sessionTimeoutMs: 20_000,
  transactionTimeoutMs: 25_000,
  bounds: { ...bounds, clockAdvanceMsMax: 30_000, commandsMax: 40 }
}

/** The config the witnesses of the key-order claims run on: the docs topic read by two groups that process in delivery order. */
export const configDocsOrdering: Config = {
  topics: [{ name: "orders", partitions: 2 }],
  groups: [
    { name: "billing", mode: "at-least-once", assignor: "range", topics: ["orders"], processingOrder: "delivery" },
    { name: "metrics", mode: "at-most-once", assignor: "round-robin", topics: ["orders"], processingOrder: "delivery" }
  ],
  sessionTimeoutMs: 30_000,
  bounds
}

/**
 * Each group of `config` alone, with the topics it reads and its dead-letter
 * topic, the group that dead-letters soonest (fewest attempts) first: the
 * witness of a claim about one group's failure handling or retention is
 * searched on the smallest setup that has it.
 */
const groupHalvesOf = (config: Config): ReadonlyArray<Config> =>
  [...config.groups].sort((a, b) => (a.failure?.attemptsMax ?? Infinity) - (b.failure?.attemptsMax ?? Infinity)).map((group) => {
    const topics = new Set([...group.topics, ...(group.failure?.deadLetterTopic === undefined ? [] : [group.failure.deadLetterTopic])])
    const { witnessesOptional: _accepted, ...rest } = config
    return { ...rest, topics: config.topics.filter((topic) => topics.has(topic.name)), groups: [group] }
  })

/**
 * The config a guarantee's witness is searched on: the first of
 * {@link configDocs}, {@link configDocsTransactional},
 * {@link configDocsOrdering} and the shipped configs of external effects and
 * services (`examples/configs/`: external-effects, double-charge,
 * conditional-update, outbox), each queue of the shipped queue-and-stream
 * and bounded-queues configs alone with its dead-letter queue
 * (`queueHalvesOf`), and each group of the shipped poison-and-retries and
 * retention configs alone ({@link groupHalvesOf}) the guarantee applies to.
 */
const witnessConfigOf = (id: GuaranteeId): Config => {
  const shipped = ["external-effects", "double-charge", "conditional-update", "outbox"].map(exampleConfig)
  const configs = [
    configDocs,
    configDocsTransactional,
    configDocsOrdering,
    ...shipped,
    ...queueHalvesOf(exampleConfig(queueAndStreamConfigName)),
    ...queueHalvesOf(exampleConfig("bounded-queues")),
    ...groupHalvesOf(exampleConfig("poison-and-retries")),
    ...groupHalvesOf(exampleConfig("retention"))
  ]
  const applies = (config: Config) => notApplicableReasonOf(guaranteeById(id), guaranteeCheckById(id), config) === undefined
  return configs.find(applies) ?? configDocs
}

const configOfMode = (mode: DeliveryMode): Config =>
  mode === "exactly-once"
    ? {
      topics: [{ name: "orders", partitions: 2 }, { name: "results", partitions: 2 }],
      groups: [{ name: "app", mode, assignor: "range", topics: ["orders"], outputTopic: "results" }],
      sessionTimeoutMs: 30_000,
      transactionTimeoutMs: 40_000,
      bounds
    }
    : {
      topics: [{ name: "orders", partitions: 2 }],
      groups: [{ name: "app", mode, assignor: "range", topics: ["orders"] }],
      sessionTimeoutMs: 30_000,
      bounds
    }

interface ModeFacts {
  readonly mode: DeliveryMode
  readonly runs: number
  readonly lossRuns: number
  readonly duplicateRuns: number
  /** Runs in which the group processed some record more than once (for exactly-once: in transactions that aborted, or not). */
  readonly reprocessRuns: number
  readonly held: ReadonlyArray<string>
  readonly violated: ReadonlyArray<string>
}

const modeFacts = (mode: DeliveryMode): ModeFacts => {
  const config = configOfMode(mode)
  const samples = fc.sample(choicesArbitrary(config, bounds.commandsMax), { seed: docsSeed, numRuns: docsRuns.facts })
  let lossRuns = 0
  let duplicateRuns = 0
  let reprocessRuns = 0
  const violated = new Set<string>()
  for (const choices of samples) {
    const run = runChoicesOnModel(config, choices)
    const history = historyOf(run)
    const reprocessed = duplicatedRecordsOf(history, "app").length > 0
    if (reprocessed) reprocessRuns += 1
    if (mode === "exactly-once") {
      const results = [...committedResultsOf(history, ["orders"], "results").values()]
      if (results.some((count) => count === 0)) lossRuns += 1
      if (results.some((count) => count > 1)) duplicateRuns += 1
    } else {
      if (lostRecordsOf(history, "app", ["orders"]).length > 0) lossRuns += 1
      if (reprocessed) duplicateRuns += 1
    }
    for (const violation of evaluateRun(run, config, guaranteeChecks).violations) violated.add(violation.guarantee)
  }
  // Only the guarantees that apply to this config: a claim about producers or isolation that the config cannot exercise is not "held".
  const covering = catalogue
    .filter((g) => g.holdsUnder.includes(mode) && notApplicableReasonOf(g, guaranteeCheckById(g.id), config) === undefined)
    .map((g) => g.id)
  return {
    mode,
    runs: samples.length,
    lossRuns,
    duplicateRuns,
    reprocessRuns,
    held: covering.filter((id) => !violated.has(id)),
    violated: covering.filter((id) => violated.has(id))
  }
}

const fence = (language: string, body: string) => `\`\`\`${language}\n${body}\n\`\`\``

/** The story of `exactlyOnceStory.ts` as a section: both step tables and what the output topic holds after each. */
const storySection = (): ReadonlyArray<string> => {
  const [atLeastOnce, exactlyOnce] = exactlyOnceStory()
  const table = (story: typeof atLeastOnce) => fence("text", formatStepTable({ commands: story.commands, actual: story.responses }))
  const results = (story: typeof atLeastOnce) => {
    const committed = storyResultsOf(story)
    return `${committed.length} committed result${committed.length === 1 ? "" : "s"} for \`orders/0@0\` (${committed.map((value) => `\`${value}\``).join(", ")})`
  }
  return [
    "## One crash, two modes",
    "",
    "A member processes a record, writes its result to `results`, and crashes before it commits; its session expires, it",
    "rejoins and gets the record again. The same story, played on the model in each mode (from `cli/docs/exactlyOnceStory.ts`).",
    "",
    `Under at-least-once the application writes the result itself, and the redelivery writes it again: ${results(atLeastOnce)}.`,
    "",
    table(atLeastOnce),
    "",
    `Under exactly-once the result is written inside the member's transaction; when the restarted member's producer`,
    `initializes, the coordinator aborts the crashed attempt (the abort marker in the dump), and the second attempt`,
    `commits its result together with the consumed offset: ${results(exactlyOnce)}; a \`read_committed\` reader skips the aborted one.`,
    "",
    table(exactlyOnce)
  ]
}

let generated: Promise<string> | undefined

/**
 * The whole of `docs/semantics.md`. The text depends only on the code and the
 * spec files, which do not change while the process runs, so it is generated
 * once per process (a few thousand model runs) and every later call (such as
 * `qsem docs --check` after `qsem docs` in one test) gets the same text.
 */
export const generateSemantics = (): Promise<string> => {
  generated ??= generate().catch((error: unknown) => {
    generated = undefined
    throw error
  })
  return generated
}

const generate = async (): Promise<string> => {
  const out: Array<string> = []
  const push = (...lines: Array<string>) => out.push(...lines)
  push(
    "<!-- Generated by `npm run docs` from spec/catalogue.ts, spec/command.ts, spec/response.ts and the model. Do not edit: `npm test` fails when this file is stale. -->",
    "",
    "# qsem semantics reference",
    "",
    "What at-most-once, at-least-once and transactional exactly-once delivery mean, as executable claims. Every claim below is a guarantee of",
    "`spec/catalogue.ts`: an `always` check over histories, a `sometimes` witness that the interesting case really",
    "happens, and a mutant in `impl/mutants/` that breaks it. The facts and traces are computed by running the model",
    `(\`model/\`) with fast-check, seed ${docsSeed}.`,
    "",
    "## Delivery modes, measured",
    "",
    `Each row: ${docsRuns.facts} generated runs of the model with one group of that mode reading topic \`orders\` (2 partitions),`,
    "crashes, session expiries, rebalances and (for exactly-once) transaction timeouts mixed in, each run ending with a drain.",
    "For at-most-once and at-least-once a record counts as lost when the group never processed it and as duplicated when",
    "it processed it twice; for exactly-once, whose processing writes a result to topic `results` inside a transaction, an input",
    "counts as lost when `results` holds no committed result for it after the drain, and as duplicated when it holds two.",
    "",
    "| mode | consumer protocol | runs that lost a record | runs with a duplicate | runs that processed a record twice | guarantees that held in every run | violated |",
    "|---|---|---|---|---|---|---|"
  )
  const protocols: Record<DeliveryMode, string> = {
    "at-most-once": "poll, commit, process",
    "at-least-once": "poll, process, commit",
    "exactly-once": "poll (read_committed), begin, process into `results`, send offsets, commit"
  }
  for (const mode of ["at-most-once", "at-least-once", "exactly-once"] as const) {
    const facts = modeFacts(mode)
    push(
      `| ${mode} | ${protocols[mode]} | ${facts.lossRuns} of ${facts.runs} | ${facts.duplicateRuns} of ${facts.runs} | ${facts.reprocessRuns} of ${facts.runs} | ${
        facts.held.map((id) => `\`${id}\``).join(", ")
      } | ${facts.violated.length === 0 ? "none" : facts.violated.map((id) => `\`${id}\``).join(", ")} |`
    )
  }
  push(
    "",
    "At-most-once may lose and never duplicates; at-least-once may duplicate and never loses: the semantics table of",
    "the domain text, reproduced by the model rather than asserted. Exactly-once processes some records more than once",
    "too (a crash, a fencing or a timeout aborts a transaction and its inputs are processed again), but only one attempt's",
    "results and offsets ever commit, so no input is lost and none has two committed results. That holds within the",
    "broker only: an effect outside it (a charge, an email) made during an aborted attempt is not rolled back, which is",
    "why exactly-once end to end is at-least-once plus an idempotent consumer.",
    "",
    ...exploredMatrixSection(),
    ...storySection(),
    "",
    ...hotKeysSection(docsSeed),
    ...effectsSection(),
    ...queueSection(docsSeed),
    ...backpressureSection(),
    ...streamLagSection(),
    ...retryStormSection(),
    ...realBrokersSection(),
    "## Guarantees",
    ""
  )
  for (const guarantee of catalogue) {
    push(
      `### ${guarantee.id}`,
      "",
      guarantee.statement,
      "",
      `- **Holds under:** ${guarantee.holdsUnder.join(", ") || "none"}`,
      `- **Violable under:** ${guarantee.violableUnder.join(", ") || "none"}`,
      `- **always:** ${guarantee.always}`,
      `- **sometimes:** ${guarantee.sometimes}`,
      `- **Broken by mutants:** ${guarantee.mutants.map((m) => `\`mutant:${m}\``).join(", ")}`,
      ""
    )
    const witness = await minimalWitness(guarantee.id, witnessConfigOf(guarantee.id), docsSeed, docsRuns.witness)
    if (witness === undefined) {
      push(`No witness was found in ${docsRuns.witness} runs of the model.`, "")
      continue
    }
    push(
      `Minimal witness (${witness.run.commands.length} commands, minimized on the model${witness.oneMinimal ? ": no single command can be dropped" : ""}):`,
      "",
      fence("text", formatStepTable({ commands: witness.run.commands, actual: witness.run.actual })),
      "",
      fence("mermaid", formatSequenceDiagram(witness.run.commands, witness.run.actual)),
      ""
    )
  }
  const commandFile = path.join(root, "spec/command.ts")
  const responseFile = path.join(root, "spec/response.ts")
  push("## Commands", "", moduleComment(commandFile).replace(/^## /gm, "### "), "")
  for (const comment of taggedStructComments(commandFile)) push(`### \`${comment.name}\``, "", comment.text, "")
  push("## Responses", "", "| response | meaning |", "|---|---|")
  for (const comment of taggedStructComments(responseFile)) push(`| \`${comment.name}\` | ${comment.text.replace(/\n/g, " ")} |`)
  push("")
  return out.join("\n")
}
