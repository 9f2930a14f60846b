/**
 * The subsection "The stream: lag, and the partition-count ceiling" of
 * "Backpressure, measured" in `docs/semantics.md`: a producer outpaces a
 * consumer group on a topic of three partitions, played on the model
 * (`streamLagScenario.ts`) with one to four members. A table per number of
 * members, an `xychart-beta` line chart of the group's lag per tick, and
 * sentences whose every number is read off the runs (`streamLagFacts.ts`).
 *
 * @module
 */
import { paragraph } from "./paragraph.ts"
import { type StreamLagFacts, streamLagFactsOf } from "./streamLagFacts.ts"
import { playStreamLag, streamLag, streamLagConfig, streamMemberName, streamProducerName } from "./streamLagScenario.ts"
import { type ChartColor, chartKeyOf, formatLineChart, type LineChart, padded } from "./xyChart.ts"

/** The anchor of the subsection's heading, for links from elsewhere in the docs. */
export const streamLagAnchor = "the-stream-lag-and-the-partition-count-ceiling"

/** Plays the scenario with every number of members (`streamLag.memberCounts`) and reads the figures off each run. */
export const streamLagMeasurements = (): ReadonlyArray<StreamLagFacts> =>
  streamLag.memberCounts.map((members) => streamLagFactsOf(playStreamLag(members)))

const fence = (language: string, body: string) => `\`\`\`${language}\n${body}\n\`\`\``

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`

const listed = (items: ReadonlyArray<string>): string =>
  items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`

const colorsInOrder: ReadonlyArray<ChartColor> = ["blue", "orange", "green", "red", "purple"]

const sameSeries = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/** The first tick in which fewer records were processed than the members could take: some member had nothing left to read. */
const firstShortTick = (facts: StreamLagFacts): number | undefined => {
  const capacity = (facts.run.members - facts.idleMembers.length) * streamLag.recordsPerMemberPerTick
  const index = facts.processedPerTick.findIndex((processed) => processed < capacity)
  return index < 0 ? undefined : index + 1
}

const assignmentText = (facts: StreamLagFacts): string =>
  facts.assignments.map(({ member, partitions }) => `\`${member}\`: ${partitions.length === 0 ? "none" : partitions.join(", ")}`).join("; ")

const row = (facts: StreamLagFacts): string => {
  const busy = facts.run.members - facts.idleMembers.length
  return `| ${facts.run.members} | ${assignmentText(facts)} | ${busy * streamLag.recordsPerMemberPerTick} | ${facts.peakLag} (tick ${facts.peakLagTick}) | ${
    facts.peakPartitionLag
  } | ${facts.catchUpTicks} | ${facts.ticks} | ${facts.idleMembers.length} | ${facts.processed} of ${facts.sent} |`
}

const lagChart = (runs: ReadonlyArray<StreamLagFacts>): LineChart => {
  const ticks = Math.max(...runs.map((facts) => facts.ticks))
  return {
    title: "Group lag at the end of each tick, by members",
    xTitle: "tick",
    xLabels: Array.from({ length: ticks }, (_, i) => i + 1),
    yTitle: "records not committed",
    lines: runs.map((facts, i) => ({
      label: plural(facts.run.members, "member"),
      color: colorsInOrder[i % colorsInOrder.length],
      values: padded(facts.lagPerTick, ticks)
    }))
  }
}

/** The sentence under the chart: which lines hide which (identical series), computed. */
const hiddenLines = (chart: LineChart): string => {
  const notes: Array<string> = []
  chart.lines.forEach((line, i) => {
    const later = chart.lines.slice(i + 1).filter((other) => sameSeries(other.values, line.values))
    if (later.length > 0 && !chart.lines.slice(0, i).some((other) => sameSeries(other.values, line.values))) {
      notes.push(`the ${line.label} line lies under the ${listed(later.map((other) => other.label))} one${later.length > 1 ? "s" : ""} (drawn later, same values at every tick)`)
    }
  })
  return notes.length === 0 ? "" : `${notes.join("; ").replace(/^t/, "T")}.`
}

/** What the runs show, in paragraphs computed from their figures. */
const findings = (runs: ReadonlyArray<StreamLagFacts>): ReadonlyArray<string> => {
  const peaks = runs.map((facts) => facts.peakLag)
  const catchUps = runs.map((facts) => facts.catchUpTicks)
  const partitions = streamLag.partitions
  const upToPartitions = runs.filter((facts) => facts.run.members <= partitions)
  const beyond = runs.filter((facts) => facts.run.members > partitions)
  const atCeiling = runs.find((facts) => facts.run.members === partitions)
  const falling = upToPartitions.every((facts, i) => i === 0 || facts.peakLag < upToPartitions[i - 1].peakLag)
  const flatBeyond = atCeiling !== undefined && beyond.every((facts) => facts.peakLag === atCeiling.peakLag && facts.catchUpTicks === atCeiling.catchUpTicks)
  const one = runs[0]
  const sent = one.sent
  const out: Array<string> = []
  out.push(...paragraph(
    `Every run lagged, and every run caught up: the peak lags are ${peaks.join(", ")} records, each at the load's last tick ` +
      `(${listed([...new Set(runs.map((facts) => `tick ${facts.peakLagTick}`))])}), and it was back to 0 after ${listed(catchUps.map(String))} ticks of catch-up. ` +
      `While the load lasts the lag grows by what is sent minus what is processed each tick (${streamLag.sendsPerTick} minus ` +
      `${listed(upToPartitions.map((facts) => `${facts.processedPerTick[0]}`))}), so ` +
      (falling ? `each member added up to the ${partitions} partitions lowers the peak` : "members added change the peak") +
      (flatBeyond && atCeiling !== undefined
        ? `; ${listed(beyond.map((facts) => plural(facts.run.members, "member")))} give exactly what ${atCeiling.run.members} give: ` +
          `the same lag at every tick (peak ${atCeiling.peakLag}) and the same catch-up (${plural(atCeiling.catchUpTicks, "tick")}). `
        : ". ") +
      `${runs.every((facts) => facts.lost === 0) ? `Nothing was lost: every run processed all ${sent} records sent` : "Records were lost"}${runs.every((facts) => facts.processedTwice === 0) ? ", each once (no member crashed, so at-least-once had nothing to redeliver)" : ""}.`
  ))
  const idle = beyond.flatMap((facts) => facts.idleMembers.map((member) => ({ facts, member })))
  if (idle.length > 0) {
    const polledOf = (facts: StreamLagFacts, member: string): number => facts.assignments.find((entry) => entry.member === member)?.polled ?? 0
    out.push(...paragraph(
      `The partition-count ceiling: ${listed(idle.map(({ facts, member }) => `with ${plural(facts.run.members, "member")}, \`${member}\``))} ` +
        `${idle.length === 1 ? "was" : "were"} told ${idle.length === 1 ? "it owns" : "they own"} no partition (an empty assignment) and ` +
        `${listed(idle.map(({ facts, member }) => `was delivered ${plural(polledOf(facts, member), "record")} in ${plural(facts.ticks, "poll")}`))}. ` +
        "A partition is read by one member of a group, so a group keeps at most as many members busy as its topic has partitions; " +
        "past that the answer to lag is more partitions (repartitioning), not more consumers, the domain text's staff signal."
    ))
  }
  const uneven = upToPartitions.filter((facts) => facts.run.members > 1 && firstShortTick(facts) !== undefined && (firstShortTick(facts) ?? 0) <= facts.ticks - 1)
  const uneveness = uneven.map((facts) => {
    const heavy = facts.assignments.reduce((most, entry) => (entry.partitions.length > most.partitions.length ? entry : most))
    const others = facts.assignments.filter((entry) => entry.member !== heavy.member).map((entry) => `\`${entry.member}\``)
    return `with ${plural(facts.run.members, "member")} the range assignor gave \`${heavy.member}\` ${plural(heavy.partitions.length, "partition")}, ` +
      `so from tick ${firstShortTick(facts)} the group processed fewer than ${facts.run.members * streamLag.recordsPerMemberPerTick} records a tick: ` +
      `${listed(others)} had caught up and had nothing left to read while \`${heavy.member}\` still worked through its partitions`
  })
  out.push(...paragraph(
    `A member reads its partitions in order, up to its ${plural(streamLag.recordsPerMemberPerTick, "record")} per poll (\`ConsumerPoll\`), so one member owning every ` +
      `partition lets the last ones wait: its worst partition lagged by ${one.peakPartitionLag}, of the group's ${one.peakLag}. ` +
      (uneveness.length > 0 ? `Partitions that do not divide evenly among the members slow the catch-up: ${uneveness.join("; ")}. ` : "") +
      `The lag is counted as \`qsem check\`'s lag line counts it, from the answers only: high watermarks from \`Sent\`, committed offsets from \`Committed\`.`
  ))
  return out
}

/** The subsection's lines (Markdown), measured on the model. */
export const streamLagSection = (runs: ReadonlyArray<StreamLagFacts> = streamLagMeasurements()): ReadonlyArray<string> => {
  const { loadTicks, sendsPerTick, recordsPerMemberPerTick, tickMs, partitions, topic, group } = streamLag
  const membersMax = Math.max(...streamLag.memberCounts)
  const chart = lagChart(runs)
  return [
    "### The stream: lag, and the partition-count ceiling",
    "",
    "The domain text:",
    "",
    "> The right response to sustained backpressure is to add consumers. With per-partition ordering, you can add consumers up to",
    "> the partition count. Beyond that, you have to add partitions, which is operationally painful.",
    "",
    ...paragraph(
      "The same load on a stream, played on the model tick by tick and without randomness (`cli/docs/streamLagScenario.ts`): topic " +
        `\`${topic}\` has ${plural(partitions, "partition")}, read by the ${streamLagConfig.groups[0].mode} group \`${group}\` (${streamLagConfig.groups[0].assignor} assignor) ` +
        `of 1 to ${membersMax} members (\`${streamMemberName(1)}\`, ...). The members join and heartbeat until the rebalances settle; then for ${loadTicks} ticks ` +
        `a producer (\`${streamProducerName}\`) sends ${plural(sendsPerTick, "record")} per tick without keys, which the partitioner deals round-robin over the ` +
        `partitions (${listed(runs[0].sentPerPartition.map((n, p) => `partition ${p} gets ${n}`))} of the ${runs[0].sent}), and each member heartbeats, polls at most ${plural(recordsPerMemberPerTick, "record")}, processes ${recordsPerMemberPerTick === 1 ? "it" : "them"} ` +
        `and commits. A tick is ${tickMs.toLocaleString("en-US")} ms of the logical clock, well inside the ${streamLagConfig.sessionTimeoutMs.toLocaleString("en-US")} ms ` +
        "session timeout. Then the producer stops and the members catch up. The lag is the group's at the end of each tick: the sum over " +
        "partitions of the high watermark minus the committed offset."
    ),
    "| members | partitions per member | records processed per tick (at most) | peak lag | peak lag of one partition | ticks to catch up | ticks played | idle members | processed |",
    "|---|---|---|---|---|---|---|---|---|",
    ...runs.map(row),
    "",
    ...findings(runs),
    fence("mermaid", formatLineChart(chart)),
    "",
    ...paragraph(`Lines: ${chartKeyOf(chart)}. ${hiddenLines(chart)}`)
  ]
}
