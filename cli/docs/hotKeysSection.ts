/**
 * The docs section "Hot keys and the partition-count ceiling": two facts of
 * Kafka-style partitioning measured on the model with a fixed seed, never
 * written by hand. A key that carries most of the traffic loads the one
 * partition it hashes to, and a group keeps no more members busy than its
 * assignor has partitions to give: the others sit idle and are delivered
 * nothing. Counted with the same folds `qsem check` prints its partition
 * facts with (`properties/stats/`).
 *
 * @module
 */
import * as fc from "fast-check"
import type { Assignor, Config } from "../../spec/config.ts"
import { choicesArbitrary } from "../../properties/choice.ts"
import { runChoicesOnModel } from "../../properties/modelRun.ts"
import type { Run } from "../../properties/run.ts"
import {
  type GroupIdleness,
  idleMembersAdd,
  idleMembersInit,
  partitionCeilingOf,
  partitionLoadAdd,
  partitionLoadInit,
  percentOf,
  type TopicLoad
} from "../../properties/stats/index.ts"

/** Runs per config of the section, and their length before the drain. */
export const hotKeysRuns = { runs: 200, commandsMax: 40 } as const

/** The hot-key rows: one hot key, two, and many (`bounds.keysMax`). */
export const hotKeysMaxes = [1, 2, 64] as const

const bounds = {
  producersMax: 2,
  membersPerGroupMax: 3,
  keysMax: 1,
  recordsPerPollMax: 3,
  clockAdvanceMsMax: 40_000,
  commandsMax: hotKeysRuns.commandsMax
}

/** The hot-key config: topic `orders` (3 partitions) read by one at-least-once group, keys drawn from `k0..k<keysMax-1>`. */
export const hotKeyConfigOf = (keysMax: number): Config => ({
  topics: [{ name: "orders", partitions: 3 }],
  groups: [{ name: "app", mode: "at-least-once", assignor: "range", topics: ["orders"] }],
  sessionTimeoutMs: 30_000,
  bounds: { ...bounds, keysMax }
})

/** The ceiling config: topic `orders` (3 partitions) read by one at-least-once group of up to 5 members. */
export const ceilingConfigOf = (assignor: Assignor): Config => ({
  topics: [{ name: "orders", partitions: 3 }],
  groups: [{ name: "app", mode: "at-least-once", assignor, topics: ["orders"] }],
  sessionTimeoutMs: 30_000,
  bounds: { ...bounds, membersPerGroupMax: 5, keysMax: 4 }
})

const runsOf = (config: Config, seed: number): ReadonlyArray<Run> =>
  fc.sample(choicesArbitrary(config, hotKeysRuns.commandsMax), { seed, numRuns: hotKeysRuns.runs }).map((choices) =>
    runChoicesOnModel(config, choices)
  )

/**
 * What the runs of one hot-key config showed: the load of `orders`, the
 * acknowledged keyed records per key, and the partition each key's records
 * went to (the last one, if a broken partitioner spread a key).
 */
export interface HotKeyFacts {
  readonly keysMax: number
  readonly load: TopicLoad
  readonly recordsByKey: ReadonlyMap<string, number>
  readonly partitionByKey: ReadonlyMap<string, number>
}

/** Runs the hot-key config of `keysMax` on the model and counts its acknowledged records. */
export const hotKeyFactsOf = (keysMax: number, seed: number): HotKeyFacts => {
  const config = hotKeyConfigOf(keysMax)
  const load = partitionLoadInit(config)
  const recordsByKey = new Map<string, number>()
  const partitionByKey = new Map<string, number>()
  for (const run of runsOf(config, seed)) {
    partitionLoadAdd(load, run)
    run.commands.forEach((command, i) => {
      const answer = run.actual[i]
      if (command._tag === "ProducerSend" && command.key !== undefined && answer?._tag === "Sent") {
        recordsByKey.set(command.key, (recordsByKey.get(command.key) ?? 0) + 1)
        partitionByKey.set(command.key, answer.partition)
      }
    })
  }
  return { keysMax, load: load.topics[0], recordsByKey, partitionByKey }
}

/** What the runs of one ceiling config showed of its group's idle members. */
export interface CeilingFacts {
  readonly assignor: Assignor
  readonly runs: number
  readonly idleness: GroupIdleness
}

/** Runs the ceiling config of `assignor` on the model and counts its idle members. */
export const ceilingFactsOf = (assignor: Assignor, seed: number): CeilingFacts => {
  const config = ceilingConfigOf(assignor)
  const idle = idleMembersInit(config)
  for (const run of runsOf(config, seed)) idleMembersAdd(idle, config, run)
  return { assignor, runs: idle.runs, idleness: idle.groups[0] }
}

const sum = (counts: ReadonlyArray<number>): number => counts.reduce((total, n) => total + n, 0)

const count = (n: number): string => n.toLocaleString("en-US")

const shares = (counts: ReadonlyArray<number>): string => {
  const total = sum(counts)
  return counts.map((n, partition) => `p${partition} ${percentOf(n, total)}`).join(", ")
}

/** The key that carried the most records (the first in key order on a tie), with its count. */
export const busiestKeyOf = (recordsByKey: ReadonlyMap<string, number>): readonly [string, number] =>
  [...recordsByKey].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))[0] ?? ["", 0]

/** Keys longer than this are shown cut, with their length. */
const keyShownMax = 12

/** A key as the docs show it: JSON-quoted inside code, so awkward keys stay readable, and cut when long. */
export const keyText = (key: string): string =>
  key.length <= keyShownMax ? `\`${JSON.stringify(key)}\`` : `\`${JSON.stringify(key.slice(0, 8))}…\` (${key.length} UTF-16 units)`

/** The hot keys `k<i>` of a row per partition: which ones when there are few, else how many. */
const hotKeysPerPartition = (facts: HotKeyFacts, partitions: number): string => {
  const hot = [...facts.partitionByKey].filter(([key]) => /^k\d+$/.test(key)).sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)))
  return Array.from({ length: partitions }, (_, partition) => {
    const keys = hot.filter(([, p]) => p === partition).map(([key]) => key)
    return `p${partition}: ${facts.keysMax <= 4 ? keys.map((key) => `\`${key}\``).join(" ") || "none" : count(keys.length)}`
  }).join(", ")
}

const hotKeyRow = (facts: HotKeyFacts): string => {
  const keyed = facts.load.keyedRecords
  const unkeyed = facts.load.records.map((n, partition) => n - keyed[partition])
  const [key, records] = busiestKeyOf(facts.recordsByKey)
  return `| ${facts.keysMax} | ${hotKeysPerPartition(facts, keyed.length)} | ${count(sum(keyed))} | ${keyText(key)}: ${percentOf(records, sum(keyed))} | ${
    shares(keyed)
  } | ${count(sum(unkeyed))}: ${shares(unkeyed)} |`
}

const ceilingRow = (facts: CeilingFacts, config: Config): string => {
  const { idleness } = facts
  return `| ${facts.assignor} | ${partitionCeilingOf(config, config.groups[0])} | ${idleness.membersMax} | ${idleness.runsIdle} of ${facts.runs} | ${
    count(idleness.pollsIdle)
  } | ${count(idleness.recordsDeliveredIdle)} | ${count(idleness.takeovers)} |`
}

/** The section's lines (Markdown), computed on the model with `seed`. */
export const hotKeysSection = (seed: number): ReadonlyArray<string> => {
  const hot = hotKeysMaxes.map((keysMax) => hotKeyFactsOf(keysMax, seed))
  const one = hot[0]
  const hottest = one.load.keyedRecords.indexOf(Math.max(...one.load.keyedRecords))
  const ceilings = (["range", "round-robin"] as const).map((assignor) => ceilingFactsOf(assignor, seed))
  const delivered = sum(ceilings.map((facts) => facts.idleness.recordsDeliveredIdle))
  const takeovers = sum(ceilings.map((facts) => facts.idleness.takeovers))
  return [
    "## Hot keys and the partition-count ceiling",
    "",
    "Kafka's default partitioner sends every record of a key to one partition (murmur2 of the key, modulo the partition",
    "count), which is what keeps a key's records in order. Records without a key go round-robin in qsem, as they did in",
    "Kafka before 2.4; since then (KIP-480, KIP-794) the client sticks to one partition per batch instead. So a key that",
    "carries most of the traffic loads the one partition it hashes to, and no number of partitions or members spreads it;",
    "and a group cannot keep more members busy than its assignor has partitions to give. Both measured on the model",
    `(${hotKeysRuns.runs} generated runs of up to ${hotKeysRuns.commandsMax} commands per row, the seed above), counting acknowledged records`,
    "by the partition their `Sent` answer names, as `qsem check` prints its `partition load` and `idle members` lines.",
    "",
    "Topic `orders` (3 partitions), one at-least-once group; the generator's hot keys are `k0..k<keysMax-1>`, beside a",
    "fixed alphabet of awkward keys. Every row decodes the same choices, so only the keys differ:",
    "",
    "| keysMax | hot keys per partition | keyed records | the busiest key's share of them | keyed records per partition | unkeyed records per partition |",
    "|---|---|---|---|---|---|",
    ...hot.map(hotKeyRow),
    "",
    `With one hot key, partition p${hottest} (where \`k0\` hashes) gets ${percentOf(one.load.keyedRecords[hottest], sum(one.load.keyedRecords))} of the keyed records, and`,
    "more keys spread them only as far as their hashes differ. Unkeyed records follow each producer's round-robin",
    "counter, which starts at partition 0 in every run, so in short runs the lower partitions get more of them. Per-key",
    "order is bought with the skew: a hot key's throughput is one partition's, read by one member at a time.",
    "",
    "Topic `orders` (3 partitions), one at-least-once group of up to 5 members. A member is idle when the coordinator",
    "tells it (in a `Joined`, `HeartbeatOk` or `RebalanceInProgress` answer) that it owns no partition while the group has",
    "more members than it can give partitions to (its ceiling: under range the partitions of its largest topic, under",
    "round-robin all of them):",
    "",
    "| assignor | ceiling | most members at once | runs with an idle member | polls by idle members | records delivered to them | idle members later given a partition |",
    "|---|---|---|---|---|---|---|",
    ...ceilings.map((facts) => ceilingRow(facts, ceilingConfigOf(facts.assignor))),
    "",
    `${delivered === 0 ? "An idle member polls and is delivered nothing" : `Idle members were delivered ${count(delivered)} records (the model broke exclusive assignment)`}:`,
    `it is a standby, which takes a partition over only when a later rebalance gives it one (${count(takeovers)} idle ${takeovers === 1 ? "member was" : "members were"} given one).`,
    "Members beyond the ceiling add no throughput: the partition count, chosen when the topic is created, is the ceiling.",
    ""
  ]
}
