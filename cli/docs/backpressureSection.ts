/**
 * The "Backpressure, measured" section of `docs/semantics.md`: the domain
 * text's queue in front of a bottlenecked database, played on the model
 * (`bottleneckScenario.ts`) on every queue of the shipped
 * `examples/configs/bounded-queues.json` (absorbing, blocking, rejecting,
 * dropping the oldest or the newest) with one, two and three consumers. A
 * table of the figures per regime, one per number of consumers, Mermaid
 * `xychart-beta` charts of depth and backlog per tick, and sentences whose
 * every number is read off the runs (`bottleneckFacts.ts`).
 *
 * @module
 */
import type { QueueConfig } from "../../spec/config.ts"
import { type BottleneckFacts, bottleneckFactsOf, bottleneckGuarantees } from "./bottleneckFacts.ts"
import { apiName, bottleneck, bottleneckQueues, consumerName, playBottleneck } from "./bottleneckScenario.ts"
import { paragraph } from "./paragraph.ts"
import { streamLagAnchor } from "./streamLagSection.ts"
import { type ChartColor, chartKeyOf, formatLineChart, type LineChart, padded } from "./xyChart.ts"

/** Every played run: per number of consumers (`bottleneck.consumerCounts`), one per queue, in config order. */
export interface BottleneckMeasurements {
  readonly byConsumers: ReadonlyArray<{ readonly consumers: number; readonly runs: ReadonlyArray<BottleneckFacts> }>
}

/** Plays the scenario on every queue with every number of consumers and reads the figures off each run. */
export const bottleneckMeasurements = (): BottleneckMeasurements => ({
  byConsumers: bottleneck.consumerCounts.map((consumers) => ({
    consumers,
    runs: bottleneckQueues().map((queue) => bottleneckFactsOf(playBottleneck(queue.name, consumers)))
  }))
})

const fence = (language: string, body: string) => `\`\`\`${language}\n${body}\n\`\`\``

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`

const boundOf = (queue: QueueConfig): string => queue.overflow === undefined ? "none" : `\`${queue.overflow}\` at ${queue.messagesMax}`

/** The colour of each queue's line, in config order. */
const colorsInOrder: ReadonlyArray<ChartColor> = ["blue", "orange", "green", "red", "purple"]

const runOf = (runs: ReadonlyArray<BottleneckFacts>, overflow: QueueConfig["overflow"]): BottleneckFacts | undefined =>
  runs.find((facts) => facts.run.queue.overflow === overflow)

const count = (n: number): string => n.toLocaleString("en-US")

const lostText = (facts: BottleneckFacts): string =>
  facts.lost === 0 ? "0" : `${count(facts.lost)} (told: ${count(facts.lostTold)}, silent: ${count(facts.lostSilently)})`

const regimeRow = (facts: BottleneckFacts): string =>
  `| \`${facts.run.queue.name}\` | ${boundOf(facts.run.queue)} | ${facts.produced} | ${facts.peakDepth} (tick ${facts.peakDepthTick}) | ${
    facts.peakBacklog === 0 ? "0" : `${facts.peakBacklog} (tick ${facts.peakBacklogTick})`
  } | ${count(facts.blocked)} | ${count(facts.rejected)} | ${count(facts.dropped)} | ${count(facts.processed)} | ${lostText(facts)} | ${
    facts.lostInOrder.length === 0 ? "none" : `\`${facts.lostInOrder[0]}\``
  } | ${facts.longestWaitTicks} | ${facts.drainTicks} |`

const scalingRow = (consumers: number, runs: ReadonlyArray<BottleneckFacts>): string => {
  const absorbing = runOf(runs, undefined)
  const blocking = runOf(runs, "block")
  const losing = runs.filter((facts) => facts.run.queue.overflow !== undefined && facts.run.queue.overflow !== "block")
  return `| ${consumers} | ${consumers * bottleneck.writesPerConsumerPerTick} | ${absorbing?.peakDepth ?? "-"} | ${absorbing?.drainTicks ?? "-"} | ${
    absorbing?.longestWaitTicks ?? "-"
  } | ${blocking?.peakBacklog ?? "-"} | ${blocking?.drainTicks ?? "-"} | ${losing.map((facts) => `\`${facts.run.queue.name}\` ${facts.lost}`).join(", ")} |`
}

const ticksAxis = (runs: ReadonlyArray<BottleneckFacts>): ReadonlyArray<number> =>
  Array.from({ length: Math.max(...runs.map((facts) => facts.ticks)) }, (_, i) => i + 1)

/** Depth per tick of every queue, one consumer. */
const depthChart = (runs: ReadonlyArray<BottleneckFacts>): LineChart => {
  const xLabels = ticksAxis(runs)
  return {
    title: "Queue depth per tick, one consumer",
    xTitle: "tick",
    xLabels,
    yTitle: "visible messages",
    lines: runs.map((facts, i) => ({ label: `\`${facts.run.queue.name}\``, color: colorsInOrder[i % colorsInOrder.length], values: padded(facts.depthPerTick, xLabels.length) }))
  }
}

/** Under `block`: the queue's depth and the API's backlog per tick, beside the absorbing queue's depth. */
const blockChart = (absorbing: BottleneckFacts, blocking: BottleneckFacts): LineChart => {
  const xLabels = ticksAxis([absorbing, blocking])
  return {
    title: "Where the backlog waits, one consumer",
    xTitle: "tick",
    xLabels,
    yTitle: "messages",
    lines: [
      { label: `\`${absorbing.run.queue.name}\` queue depth`, color: "blue", values: padded(absorbing.depthPerTick, xLabels.length) },
      { label: `\`${blocking.run.queue.name}\` API backlog`, color: "orange", values: padded(blocking.backlogPerTick, xLabels.length) },
      { label: `\`${blocking.run.queue.name}\` queue depth`, color: "green", values: padded(blocking.depthPerTick, xLabels.length) }
    ]
  }
}

/** The absorbing queue's depth per tick with each number of consumers. */
const scalingChart = (absorbingByConsumers: ReadonlyArray<{ consumers: number; facts: BottleneckFacts }>): LineChart => {
  const xLabels = ticksAxis(absorbingByConsumers.map(({ facts }) => facts))
  return {
    title: "Absorbing queue depth per tick, by consumers",
    xTitle: "tick",
    xLabels,
    yTitle: "visible messages",
    lines: absorbingByConsumers.map(({ consumers, facts }, i) => ({
      label: plural(consumers, "consumer"),
      color: colorsInOrder[i % colorsInOrder.length],
      values: padded(facts.depthPerTick, xLabels.length)
    }))
  }
}

const chartLines = (chart: LineChart, after: string): ReadonlyArray<string> => [
  fence("mermaid", formatLineChart(chart)),
  "",
  ...paragraph(`Lines: ${chartKeyOf(chart)}. ${after}`)
]

/** What the one-consumer runs show, regime by regime, in paragraphs computed from their figures. */
const oneConsumerSentences = (runs: ReadonlyArray<BottleneckFacts>): ReadonlyArray<string> => {
  const out: Array<string> = []
  const absorbing = runOf(runs, undefined)
  const blocking = runOf(runs, "block")
  const rejecting = runOf(runs, "reject")
  const dropping = runs.filter((facts) => facts.run.queue.overflow === "drop-oldest" || facts.run.queue.overflow === "drop-newest")
  if (absorbing !== undefined) {
    const growth = (absorbing.depthPerTick[1] ?? 0) - (absorbing.depthPerTick[0] ?? 0)
    out.push(...paragraph(
      `The absorbing queue loses ${absorbing.lost === 0 ? "nothing" : plural(absorbing.lost, "order")}: its depth grows by ${growth} every tick of the load, to ` +
        `${absorbing.peakDepth} at tick ${absorbing.peakDepthTick}, and the queue is empty ${plural(absorbing.drainTicks, "tick")} after the load ends. ` +
        `The last orders waited ${plural(absorbing.longestWaitTicks, "tick")} before the database saw them: the domain text's consumers that ` +
        `"fall behind so far that the data is no longer useful". Sustained, the depth grows without bound.`
    ))
  }
  if (blocking !== undefined) {
    const sameAsAbsorbing = absorbing !== undefined && absorbing.ticks === blocking.ticks &&
      absorbing.depthPerTick.every((depth, i) => depth === blocking.depthPerTick[i] + blocking.backlogPerTick[i])
    const sameWait = absorbing !== undefined && absorbing.longestWaitTicks === blocking.longestWaitTicks
    const same = [
      ...(sameAsAbsorbing ? ["at every tick the blocking queue's depth plus the API's backlog equals the absorbing queue's depth"] : []),
      ...(sameWait ? [`the longest wait is the same (${plural(blocking.longestWaitTicks, "tick")})`] : [])
    ]
    out.push(...paragraph(
      `The blocking queue never holds more than ${Math.max(...blocking.depthPerTick)} visible messages (its bound: ${blocking.run.queue.messagesMax}) and loses ` +
        `${blocking.lost === 0 ? "nothing" : plural(blocking.lost, "order")}: ${plural(blocking.blocked, "send")} ${blocking.blocked === 1 ? "was" : "were"} ` +
        `answered \`SendBlocked\`, and the backlog moved to the API: ${plural(blocking.peakBacklog, "order")} at tick ${blocking.peakBacklogTick}. ` +
        (same.length > 0 ? `${capitalized(same.join(", and "))}: the bound chose where the orders wait, not how many nor how long. ` : "") +
        "For a synchronous API that means callers hang; for a pipeline that can buffer locally, it is fine."
    ))
  }
  if (rejecting !== undefined) {
    out.push(...paragraph(
      `The rejecting queue lost ${rejecting.lost} of ${rejecting.produced} orders, and its API was told of ` +
        `${rejecting.lostTold === rejecting.lost ? "every one" : rejecting.lostTold} (${plural(rejecting.rejected, "`SendRejected` answer")}): it can retry ` +
        "with backoff (which is blocking), shed load, or report the error to its caller."
    ))
  }
  if (dropping.length > 0) {
    const silent = dropping.every((facts) => facts.lostSilently === facts.lost && facts.lostAreTheDropped)
    const firsts = dropping.filter((facts) => facts.lostInOrder.length > 0).map((facts) =>
      `\`${facts.run.queue.name}\` first lost \`${facts.lostInOrder[0]}\`, produced at tick ${facts.run.producedAt.get(facts.lostInOrder[0])}`
    )
    out.push(...paragraph(
      `The dropping queues lost ${dropping.map((facts) => `${plural(facts.lost, "order")} (\`${facts.run.queue.name}\`)`).join(" and ")}, ` +
        (silent ? "every one answered `Enqueued`: the producer was told nothing, and only the check's count of `dropped` shows the loss. " : "some with an answer the producer sees. ") +
        (firsts.length > 0 ? `${capitalized(firsts.join("; "))}. ` : "") +
        "Dropping the oldest discards what waited longest, so what survives is fresh; dropping the newest keeps the oldest, as rejecting does."
    ))
  }
  const perTickMax = Math.max(...runs.flatMap((facts) => facts.processedPerTick))
  out.push(...paragraph(
    `In every regime the consumer processed at most ${plural(perTickMax, "order")} per tick, the database's rate: the bound decides who waits and ` +
      "what is lost, never how fast the database writes. A queue in front of the bottleneck does not reduce its load."
  ))
  return out
}

/** What more consumers change, in a paragraph computed from the runs. */
const scalingSentences = (measurements: BottleneckMeasurements): ReadonlyArray<string> => {
  const keepsUp = measurements.byConsumers.find(({ runs }) => runs.every((facts) => facts.lost === 0 && facts.blocked === 0 && facts.drainTicks === 0))
  const absorbing = measurements.byConsumers.map(({ runs }) => runOf(runs, undefined))
  const peaks = absorbing.map((facts) => facts?.peakDepth ?? 0)
  const lowered = peaks.every((peak, i) => i === 0 || peak < peaks[i - 1])
  // The others' harm (the API's backlog, the orders lost) by number of consumers, per queue: lowered when it falls at every step until 0.
  const harms = bottleneckQueues().filter((queue) => queue.overflow !== undefined).map((queue) =>
    measurements.byConsumers.map(({ runs }) => {
      const facts = runs.find((run) => run.run.queue.name === queue.name)
      return (facts?.peakBacklog ?? 0) + (facts?.lost ?? 0)
    })
  )
  const othersLowered = harms.every((harm) => harm.every((n, i) => i === 0 || n < harm[i - 1] || (n === 0 && harm[i - 1] === 0)))
  return paragraph(
    `${lowered ? "Each consumer added lowers" : "Consumers added change"} the absorbing queue's peak depth (${peaks.join(", ")}) and its drain ` +
      `(${absorbing.map((facts) => facts?.drainTicks ?? 0).join(", ")} ticks)${othersLowered ? ", and what the bounded queues make the API hold or lose" : ""}. ` +
      (keepsUp === undefined
        ? "No number of consumers played here keeps up with the load. "
        : `With ${plural(keepsUp.consumers, "consumer")} writing ${keepsUp.consumers * bottleneck.writesPerConsumerPerTick} per tick, as many as the API ` +
          `produces, no regime blocks, loses or lags: the depth stays at one tick's sends (${Math.max(...keepsUp.runs.map((facts) => facts.peakDepth))}). `) +
      "Competing consumers of a queue have no partition ceiling: every receive takes the next visible messages, whichever consumer asks, " +
      "so each consumer added adds its rate. A stream's group cannot keep more members busy than its topic has partitions (see " +
      `[The stream: lag, and the partition-count ceiling](#${streamLagAnchor}) below, and ` +
      "[Hot keys and the partition-count ceiling](#hot-keys-and-the-partition-count-ceiling)): past that, scaling means repartitioning."
  )
}

/** Which overflow claims held on every history, and in how many their witness showed. */
const verdictSentence = (measurements: BottleneckMeasurements): ReadonlyArray<string> => {
  const all = measurements.byConsumers.flatMap(({ runs }) => runs)
  const parts = bottleneckGuarantees.map((guarantee) => {
    const verdicts = all.map((facts) => facts.verdicts.find((verdict) => verdict.guarantee === guarantee))
    const held = verdicts.filter((verdict) => verdict?.held === true).length
    const witnessed = verdicts.filter((verdict) => verdict?.witnessed === true).length
    return `\`${guarantee}\` held on ${held}${witnessed > 0 ? ` and was witnessed on ${witnessed}` : ""}`
  })
  return paragraph(`The checkers read these ${all.length} histories too: ${parts.join(", ")}.`)
}

/** The section's lines (Markdown), measured on the model. */
export const backpressureSection = (measurements: BottleneckMeasurements = bottleneckMeasurements()): ReadonlyArray<string> => {
  const one = measurements.byConsumers[0]
  const absorbing = runOf(one.runs, undefined)
  const blocking = runOf(one.runs, "block")
  const { loadTicks, sendsPerTick, writesPerConsumerPerTick, tickMs } = bottleneck
  const consumersMax = Math.max(...bottleneck.consumerCounts)
  return [
    "## Backpressure, measured",
    "",
    "The domain text:",
    "",
    "> What happens when producers write faster than consumers can process? The queue's depth grows. Eventually something has to",
    "> give: the queue runs out of memory or disk, or producers start failing, or consumers fall behind so far that the data is no",
    "> longer useful.",
    "",
    "and its third practice scenario, a queue in front of a bottlenecked database:",
    "",
    "> A queue between API and database doesn't reduce database load. The same writes still need to land on the database; the queue",
    "> just means they happen asynchronously. If the database is the bottleneck, queueing the work doesn't help; it just hides the",
    "> problem until the queue's depth grows unboundedly.",
    "",
    ...paragraph(
      "Played on the model, tick by tick and without randomness (`cli/docs/bottleneckScenario.ts`), on each queue of " +
        `\`examples/configs/${bottleneck.configName}.json\`: for ${loadTicks} ticks an API (\`${apiName}\`) produces ${plural(sendsPerTick, "order")} per tick and ` +
        `sends them; the database takes ${plural(writesPerConsumerPerTick, "write")} per consumer per tick, so each consumer (\`${consumerName(1)}\`, ...) ` +
        `receives up to ${writesPerConsumerPerTick} a tick, processes (writes) and acknowledges (deletes) ${writesPerConsumerPerTick === 1 ? "it" : "each"}. ` +
        `A tick is ${tickMs.toLocaleString("en-US")} ms of the logical clock, well inside the visibility timeout. Then the API stops and the consumers ` +
        "catch up. The API keeps what it has not sent in a backlog, oldest first: at `SendBlocked` it stops for the tick and sends the rest " +
        "at the next; at `SendRejected` it gives up on the order (its caller gets the error); `Enqueued` it takes as done, dropped or not " +
        "(the answer's `dropped` is qsem's record for the checkers: a real broker tells the producer nothing). The depth is the queue's " +
        "visible messages after each tick's sends, as `ObserverQueue` lists them; the backlog, the orders the API holds after them; an " +
        "order counts as lost when it was produced and never processed; its wait is the tick it was processed in minus the tick it was " +
        "produced in; the drain, the ticks after the load until the queue and the backlog are empty."
    ),
    `### One consumer`,
    "",
    "| queue | bound | orders produced | peak depth | peak API backlog | blocked sends | rejected | dropped | processed | lost | first order lost | longest wait (ticks) | ticks to drain |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...one.runs.map(regimeRow),
    "",
    ...oneConsumerSentences(one.runs),
    ...chartLines(
      depthChart(one.runs),
      "The bounded queues' lines lie on one another at the bound while the load lasts (the last drawn hides the others); the blocking queue's stays there until the API's backlog is sent."
    ),
    ...(absorbing !== undefined && blocking !== undefined ? chartLines(blockChart(absorbing, blocking), "") : []),
    `### More consumers`,
    "",
    `The same scenario with up to ${plural(consumersMax, "consumer")}, each writing ${writesPerConsumerPerTick} per tick; the last column is what each losing regime lost.`,
    "",
    "| consumers | writes per tick | absorbing: peak depth | absorbing: ticks to drain | absorbing: longest wait | blocking: peak API backlog | blocking: ticks to drain | lost |",
    "|---|---|---|---|---|---|---|---|",
    ...measurements.byConsumers.map(({ consumers, runs }) => scalingRow(consumers, runs)),
    "",
    ...scalingSentences(measurements),
    ...chartLines(
      scalingChart(measurements.byConsumers.flatMap(({ consumers, runs }) => {
        const facts = runOf(runs, undefined)
        return facts === undefined ? [] : [{ consumers, facts }]
      })),
      ""
    ),
    ...verdictSentence(measurements)
  ]
}
