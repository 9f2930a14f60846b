/**
 * The configuration of one checked system: its topics, its consumer groups and
 * the bounds of generated runs.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { GuaranteeId } from "./guaranteeId.ts"

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
 * keys the generator draws from, the largest `ConsumerPoll.recordsMax`, the
 * largest single `ClockAdvance.ms`, and the length of a run before the drain.
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
 * The first rule a config breaks, as one line, or `undefined` when it is
 * well formed (unique topic and group names, subscriptions to known topics).
 */
export const validateConfig = (config: Config): string | undefined => {
  const topics = new Set<string>()
  for (const topic of config.topics) {
    if (topics.has(topic.name)) return `topic "${topic.name}" is declared twice`
    topics.add(topic.name)
  }
  const groups = new Set<string>()
  for (const group of config.groups) {
    if (groups.has(group.name)) return `group "${group.name}" is declared twice`
    groups.add(group.name)
    for (const topic of group.topics) {
      if (!topics.has(topic)) return `group "${group.name}" subscribes to unknown topic "${topic}"`
    }
  }
  return undefined
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
