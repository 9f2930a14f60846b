/**
 * The section "Retry storms and the circuit breaker" of `docs/semantics.md`:
 * the outage of `retryStormScenario.ts`, played on the model, with a table
 * per group, an `xychart-beta` chart of downstream calls per tick with and
 * without a breaker, and sentences whose every number is read off the run
 * (`retryStormFacts.ts`).
 *
 * @module
 */
import { paragraph } from "./paragraph.ts"
import { type RetryStormFacts, type RetryStormGroupFacts, retryStormFactsOf } from "./retryStormFacts.ts"
import { playRetryStorm, retryStorm, retryStormMember, retryStormProducer } from "./retryStormScenario.ts"
import { chartKeyOf, formatLineChart, type LineChart } from "./xyChart.ts"

/** Plays the scenario and reads its figures. */
export const retryStormMeasurements = (): RetryStormFacts => retryStormFactsOf(playRetryStorm())

const fence = (language: string, body: string) => `\`\`\`${language}\n${body}\n\`\`\``

const count = (n: number): string => n.toLocaleString("en-US")

const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`

const ratio = (x: number): string => String(Number(x.toFixed(2)))

const seconds = (ms: number): string => `${(ms / 1000).toLocaleString("en-US")} s`

const policyText = (facts: RetryStormFacts, group: string): string => {
  const failure = facts.run.config.groups.find((g) => g.name === group)?.failure
  if (failure === undefined) return "no failure policy"
  const breaker = failure.breaker === undefined
    ? "no breaker"
    : `a breaker (opens after ${plural(failure.breaker.failuresMax, "failed call")}, cool-down ${seconds(failure.breaker.coolDownMs)}, ${failure.breaker.whileOpen} while open)`
  return `${failure.attemptsMax} attempts, backoff ${seconds(failure.backoffMs ?? 0)} doubling, then \`${failure.deadLetterTopic}\`; ${breaker}`
}

const row = (facts: RetryStormFacts, group: RetryStormGroupFacts): string =>
  `| \`${group.group}\` | ${policyText(facts, group.group)} | ${group.callsDuringOutage} | ${ratio(group.callsPerOutageRecord)} | ${group.failedRecords} | ${
    group.breakerOpenings
  } | ${group.heldBack} | ${group.deadLettered} | ${group.deadLetterDepthMax} | ${seconds(group.oldestDeadLetterAgeMs)} | ${group.processed} of ${group.sent} | ${group.processedTwice} |`

const callsChart = (facts: RetryStormFacts): LineChart => ({
  title: "Downstream calls per tick, with and without a breaker",
  xTitle: "tick",
  xLabels: Array.from({ length: facts.ticks }, (_, i) => i + 1),
  yTitle: "downstream calls",
  lines: facts.groups.map((group, i) => ({
    label: `${group.group} (${group.breaker ? "breaker" : "no breaker"})`,
    color: i === 0 ? "blue" : "orange",
    values: group.callsPerTick
  }))
})

/** What the run shows, in paragraphs computed from its figures. */
const findings = (facts: RetryStormFacts): ReadonlyArray<string> => {
  const withBreaker = facts.groups.find((group) => group.breaker)
  const without = facts.groups.find((group) => !group.breaker)
  if (withBreaker === undefined || without === undefined) return []
  const outageTicks = retryStorm.upTick - retryStorm.downTick
  const times = withBreaker.callsDuringOutage === 0 ? undefined : without.callsDuringOutage / withBreaker.callsDuringOutage
  const failuresMax = facts.run.config.groups.find((g) => g.name === withBreaker.group)?.failure?.breaker?.failuresMax ?? 0
  const everything = facts.groups.every((group) => group.processed === group.sent)
  const again = facts.groups.filter((group) => group.processedTwice > 0)
  return [
    ...paragraph(
      `During the ${plural(outageTicks, "tick")} of the outage (${seconds(outageTicks * retryStorm.tickMs)}), ${plural(without.sentDuringOutage, "order")} arrived. ` +
        `\`${without.group}\`, without a breaker, called the dead downstream ${plural(without.callsDuringOutage, "time")}, ${ratio(without.callsPerOutageRecord)} calls per ` +
        `record the outage hit: each record retried on its schedule, those whose attempts ran out before the downstream came back went to the dead-letter topic (${plural(without.deadLettered, "record")}), and the ` +
        `calls per tick grew as the retries of earlier records piled onto the new ones. \`${withBreaker.group}\`, with the same policy behind a breaker, called it ` +
        `${plural(withBreaker.callsDuringOutage, "time")}${times === undefined ? "" : ` (${ratio(times)} times fewer)`}, ${ratio(withBreaker.callsPerOutageRecord)} per record: ` +
        `the breaker opened after ${plural(failuresMax, "failed call")}, opened ${plural(withBreaker.breakerOpenings, "time")} in all (each failed half-open probe opens it again) ` +
        `and held back ${plural(withBreaker.heldBack, "attempt")}; the records waited in their partitions instead of in the dead-letter topic ` +
        `(${plural(withBreaker.deadLettered, "dead letter")}), and went through once the downstream was back.`
    ),
    ...paragraph(
      `The dead-letter graveyard: \`${without.group}\`'s dead-letter topic held up to ${plural(without.deadLetterDepthMax, "record")}, the oldest ` +
        `${seconds(without.oldestDeadLetterAgeMs)} old when the redrive at tick ${retryStorm.redriveTick} (\`DeadLetterRedrive\`, after the downstream came back at tick ${retryStorm.upTick}) ` +
        `moved ${plural(without.redriven, "record")} back to \`${retryStorm.topic}\`. ` +
        (everything ? `In the end both groups processed all ${plural(without.sent, "order")}. ` : "Not every order was processed: see the table. ") +
        (again.length > 0
          ? `A redrive appends to the source topic, so every group that reads it gets the records again: ${again.map((group) => `\`${group.group}\` processed ${plural(group.processedTwice, "order")} a second time`).join(", ")}, ` +
            "harmless only for an idempotent consumer (a dedicated retry topic read by the failing group alone avoids it)."
          : "")
    )
  ]
}

/** The section's lines (Markdown), measured on the model. */
export const retryStormSection = (facts: RetryStormFacts = retryStormMeasurements()): ReadonlyArray<string> => {
  const chart = callsChart(facts)
  return [
    "## Retry storms and the circuit breaker",
    "",
    "The domain text:",
    "",
    "> A downstream dependency goes down. Consumers fail every message. Every message gets retried with exponential backoff, but",
    "> the backoff doesn't help because the dependency is still down. Retries pile up. [...] The fix is circuit breaking: detect the",
    "> downstream failure, stop retrying for some window, route messages to the DLQ or pause consumption entirely.",
    "",
    ...paragraph(
      `Played on the model tick by tick, without randomness (\`cli/docs/retryStormScenario.ts\`, on \`examples/configs/${retryStorm.configName}.json\`): ` +
        `\`${retryStormProducer}\` sends ${plural(retryStorm.sendsPerTick, "order")} per tick to \`${retryStorm.topic}\` for ${plural(retryStorm.loadTicks, "tick")}; ` +
        `the at-least-once groups ${facts.groups.map((group) => `\`${group.group}\``).join(" and ")} read them with one member each (\`${retryStormMember}\`), which polls ` +
        `every tick, attempts each record it holds once its retry time has come, and commits below what it still holds. Their downstream goes down at ` +
        `tick ${retryStorm.downTick} and comes back at tick ${retryStorm.upTick}; a tick is ${count(retryStorm.tickMs)} ms of the logical clock. ` +
        "The backoff is deterministic (no jitter), so that runs replay. A downstream call is an attempt that reached the " +
        "downstream: a `ProcessFailed` or a `ProcessDeadLettered` with cause `downstream` (its last attempt failed), or a `Processed`."
    ),
    "| group | policy | downstream calls during the outage | calls per record the outage hit | records that failed | breaker openings | attempts held back | dead-lettered | dead-letter depth (max) | oldest dead letter at the redrive | orders processed | processed again |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...facts.groups.map((group) => row(facts, group)),
    "",
    ...findings(facts),
    fence("mermaid", formatLineChart(chart)),
    "",
    ...paragraph(`Lines: ${chartKeyOf(chart)}. \`qsem check\` prints the same figures for its runs: the retries line counts downstream calls per failed record for every group with a failure policy.`)
  ]
}
