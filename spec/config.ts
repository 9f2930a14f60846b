/**
 * The configuration of one checked system: its topics, its consumer groups and
 * the bounds of generated runs.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { GuaranteeId } from "./guaranteeId.ts"
import { quoteInput } from "./internal/quoteInput.ts"

/** A name: a non-empty string (topic, group, member or producer). */
export const Name = Schema.String.check(Schema.isMinLength(1))

/** A non-negative integer (offsets, counts, milliseconds). */
export const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/** A positive integer (partition counts, timeouts). */
export const CountPositive = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))

/**
 * How a consumer group's members use the broker, as a consumer protocol:
 * - `at-most-once`: poll, commit, then process. A crash after the commit and
 *   before processing loses records; nothing is processed twice.
 * - `at-least-once`: poll, process, then commit. A crash after processing and
 *   before the commit redelivers records; nothing acknowledged is lost.
 */
export const DeliveryMode = Schema.Literals(["at-most-once", "at-least-once"])
/** @see {@link DeliveryMode} */
export type DeliveryMode = typeof DeliveryMode.Type

/**
 * How a group's coordinator spreads partitions over its members (both sort
 * member names by plain string order, `a < b`):
 * - `range`: per subscribed topic, partitions `0..P-1` are cut into contiguous
 *   ranges; with `M` members each gets `floor(P / M)` and the first `P % M`
 *   members get one more (Kafka's RangeAssignor).
 * - `round-robin`: all subscribed topic-partitions, sorted by topic name then
 *   partition, are dealt to the sorted members in turn (Kafka's
 *   RoundRobinAssignor).
 */
export const Assignor = Schema.Literals(["range", "round-robin"])
/** @see {@link Assignor} */
export type Assignor = typeof Assignor.Type

/** A topic: a named, partitioned, append-only log. */
export const TopicConfig = Schema.Struct({
  name: Name,
  partitions: CountPositive
})
/** @see {@link TopicConfig} */
export type TopicConfig = typeof TopicConfig.Type

/** A consumer group: its name, delivery mode, assignor and subscribed topics (a set: a topic listed twice counts once). */
export const GroupConfig = Schema.Struct({
  name: Name,
  mode: DeliveryMode,
  assignor: Assignor,
  topics: Schema.Array(Name)
})
/** @see {@link GroupConfig} */
export type GroupConfig = typeof GroupConfig.Type

/**
 * The bounds `qsem check` uses when a config file leaves them (or some of
 * them) out: what {@link configDefault} uses.
 */
export const boundsDefault = {
  producersMax: 2,
  membersPerGroupMax: 4,
  keysMax: 4,
  recordsPerPollMax: 3,
  clockAdvanceMsMax: 40_000,
  commandsMax: 60
} as const

/** A bound: a positive integer that a config file may leave out (then `fallback`). */
const bound = (fallback: number) => CountPositive.pipe(Schema.withDecodingDefaultTypeKey(Effect.succeed(fallback)))

/**
 * Bounds of generated runs: how many distinct producers, members per group and
 * hot keys the generator draws from (beside a fixed alphabet of awkward keys:
 * empty, long, non-ASCII, astral, lone surrogates), the largest
 * `ConsumerPoll.recordsMax` and the largest `ClockAdvance.ms` of ordinary
 * commands, and the length of a run before the drain.
 *
 * The two size bounds are not ceilings: commands aimed at the limits cross
 * them on purpose. A poll aimed at a limit asks for one below, at or one
 * above `recordsPerPollMax`, the member's backlog or the drain's 1,000
 * records; a clock advance aimed at a member's session moves the clock to
 * 1 ms before, at or 1 ms after its expiry (or a quarter, half or three
 * quarters of `sessionTimeoutMs`), however far that is.
 *
 * In a file each field may be left out: {@link boundsDefault} fills it in when
 * decoding, so a decoded `Bounds` always has every field.
 */
export const Bounds = Schema.Struct({
  producersMax: bound(boundsDefault.producersMax),
  membersPerGroupMax: bound(boundsDefault.membersPerGroupMax),
  keysMax: bound(boundsDefault.keysMax),
  recordsPerPollMax: bound(boundsDefault.recordsPerPollMax),
  clockAdvanceMsMax: bound(boundsDefault.clockAdvanceMsMax),
  commandsMax: bound(boundsDefault.commandsMax)
})
/** @see {@link Bounds} */
export type Bounds = typeof Bounds.Type

/**
 * The whole configuration. Topic names are unique, group names are unique and
 * every group subscribes to topics that exist; {@link validateConfig} says
 * which rule a config breaks.
 *
 * A file may leave out `bounds` (or any of its fields): {@link boundsDefault}
 * fills them in. `witnessesOptional` lists the guarantees whose `sometimes`
 * witness this config accepts never to see, because its setup cannot produce
 * it (one partition and one member cannot reorder or hand over partitions):
 * `qsem check` reports them as held and not witnessed, accepted by the config,
 * instead of failing. Their `always` check still runs.
 *
 * @example
 * ```json
 * {
 *   "topics": [{ "name": "orders", "partitions": 1 }],
 *   "groups": [{ "name": "billing", "mode": "at-least-once", "assignor": "range", "topics": ["orders"] }],
 *   "sessionTimeoutMs": 30000,
 *   "bounds": { "commandsMax": 40 },
 *   "witnessesOptional": ["PartitionOrderPreserved"]
 * }
 * ```
 */
export const Config = Schema.Struct({
  topics: Schema.Array(TopicConfig),
  groups: Schema.Array(GroupConfig),
  sessionTimeoutMs: CountPositive,
  bounds: Bounds.pipe(Schema.withDecodingDefaultTypeKey(Effect.succeed<Bounds>(boundsDefault))),
  witnessesOptional: Schema.optionalKey(Schema.Array(GuaranteeId))
})
/** @see {@link Config} */
export type Config = typeof Config.Type

/**
 * The largest config qsem checks, enforced by {@link validateConfig} when a
 * config or a trace is loaded, so that a check's memory stays modest (well
 * under 1 GiB) on an ordinary machine and every time sum stays an exact
 * integer. A run allocates per partition (logs, offsets per group, the
 * driver's watermarks), per member slot of each group, and per command of its
 * history; producers and keys are only names, drawn when a command needs one.
 */
export const configLimits = {
  /** Topics in a config: 256. Each is a log and a subscription target; more adds nothing a check can tell apart. */
  topicsMax: 256,
  /** Partitions of one topic: 1,024 (every send, poll and rebalance walks a topic's partitions). */
  partitionsPerTopicMax: 1_024,
  /** Partitions of all topics together: 4,096. Every group keeps an offset per partition and a member's assignment lists them. */
  partitionsTotalMax: 4_096,
  /** Consumer groups: 64. Each keeps its own offsets for every partition and its own member slots. */
  groupsMax: 64,
  /** `bounds.membersPerGroupMax`: 256. The generator keeps a slot per member of every group (a billion slots ran out of memory). */
  membersPerGroupMax: 256,
  /** `bounds.producersMax`: 10,000. Producers are names; a run creates one only when a send uses it. */
  producersMax: 10_000,
  /** `bounds.keysMax`: 10,000. Keys are names; a run creates one only when a send uses it. */
  keysMax: 10_000,
  /**
   * `bounds.recordsPerPollMax`: 1,000, the drain's own poll size; the drain's
   * step budget grows with it. (Polls aimed at a limit still ask for up to
   * one more than the largest of this, the member's backlog and 1,000.)
   */
  recordsPerPollMax: 1_000,
  /** `bounds.commandsMax`: 100,000 commands per run (as `qsem check --commands-max`); a run's history is kept whole. */
  commandsMax: 100_000,
  /**
   * `bounds.clockAdvanceMsMax`: 1,000,000,000 ms (about 11.6 days). An
   * advance aimed at a session boundary is at most `sessionTimeoutMs + 1`,
   * under the same limit plus one, so with at most 100,000 commands the clock
   * stays below 10^14 ms, and the generator's `a² · clockAdvanceMsMax`
   * (a ≤ 999) below 2^53, so every time is exact.
   */
  clockAdvanceMsMax: 1_000_000_000,
  /** `sessionTimeoutMs`: 1,000,000,000 ms, for the same exactness (`lastSeenMs + sessionTimeoutMs`, the drain's clock advance). */
  sessionTimeoutMsMax: 1_000_000_000
} as const

const count = (value: number): string => value.toLocaleString("en-US")

const beyond = (what: string, value: number, max: number): string =>
  `${what} is ${count(value)}; qsem checks at most ${count(max)}`

/** The bounds {@link configLimits} caps, in the order {@link validateConfig} reports them (each limit has the bound's name). */
const boundsLimited = ["membersPerGroupMax", "producersMax", "keysMax", "recordsPerPollMax", "commandsMax", "clockAdvanceMsMax"] as const

const boundsBeyond = (config: Config): string | undefined => {
  for (const field of boundsLimited) {
    if (config.bounds[field] > configLimits[field]) return beyond(`bounds.${field}`, config.bounds[field], configLimits[field])
  }
  return undefined
}

/**
 * The first rule a config breaks, as one line, or `undefined` when it is
 * well formed (unique topic and group names, subscriptions to known topics)
 * and within {@link configLimits}. Names are shown JSON-quoted.
 */
export const validateConfig = (config: Config): string | undefined => {
  if (config.topics.length > configLimits.topicsMax) return beyond("the number of topics", config.topics.length, configLimits.topicsMax)
  if (config.groups.length > configLimits.groupsMax) return beyond("the number of groups", config.groups.length, configLimits.groupsMax)
  const topics = new Set<string>()
  let partitionsTotal = 0
  for (const topic of config.topics) {
    if (topics.has(topic.name)) return `topic ${quoteInput(topic.name)} is declared twice`
    topics.add(topic.name)
    if (topic.partitions > configLimits.partitionsPerTopicMax) {
      return `topic ${quoteInput(topic.name)} has ${count(topic.partitions)} partitions; qsem checks at most ${count(configLimits.partitionsPerTopicMax)} per topic`
    }
    partitionsTotal += topic.partitions
  }
  if (partitionsTotal > configLimits.partitionsTotalMax) {
    return beyond("the number of partitions of all topics together", partitionsTotal, configLimits.partitionsTotalMax)
  }
  const groups = new Set<string>()
  for (const group of config.groups) {
    if (groups.has(group.name)) return `group ${quoteInput(group.name)} is declared twice`
    groups.add(group.name)
    for (const topic of group.topics) {
      if (!topics.has(topic)) return `group ${quoteInput(group.name)} subscribes to unknown topic ${quoteInput(topic)}`
    }
  }
  if (config.sessionTimeoutMs > configLimits.sessionTimeoutMsMax) {
    return beyond("sessionTimeoutMs", config.sessionTimeoutMs, configLimits.sessionTimeoutMsMax)
  }
  return boundsBeyond(config)
}

/**
 * The configuration `qsem check` uses by default: two topics, one group per
 * delivery mode (one of each assignor) reading both, so fanout, crashes,
 * rebalances and idle members all happen in short runs.
 */
export const configDefault: Config = {
  topics: [
    { name: "orders", partitions: 3 },
    { name: "payments", partitions: 2 }
  ],
  groups: [
    { name: "billing", mode: "at-least-once", assignor: "range", topics: ["orders", "payments"] },
    { name: "metrics", mode: "at-most-once", assignor: "round-robin", topics: ["orders"] }
  ],
  sessionTimeoutMs: 30_000,
  bounds: boundsDefault
}
