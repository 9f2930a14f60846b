/**
 * The stream half of "producers outpace consumers", played on the model tick
 * by tick with no randomness: one topic of three partitions, one
 * at-least-once group, a producer that sends faster than the group's members
 * process, then stops while the members catch up. Played once per number of
 * members, one more than the partitions included, so the partition-count
 * ceiling shows. The run keeps every command and answer; the figures are
 * read off them by `streamLagFacts.ts`.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { PartitionOffset } from "../../spec/record.ts"
import type { Response, ResponseOf } from "../../spec/response.ts"
import { modelRecorder } from "../../properties/modelRun.ts"
import { expectAnswer as expectAnswerOf } from "./internal/expectAnswer.ts"

/**
 * The scenario's shape: for `loadTicks` ticks the producer sends
 * `sendsPerTick` unkeyed records per tick; each member polls at most
 * `recordsPerMemberPerTick` records per tick, processes them and commits; a
 * tick is `tickMs` of the logical clock, well inside the session timeout.
 * `memberCounts` are the group sizes played; `ticksMax` stops a run that
 * would never catch up (a defect, thrown).
 *
 * The sends are unkeyed, so the model's partitioner deals them round-robin
 * over the partitions (spec `ProducerSend` step 3): with `sendsPerTick`
 * not a multiple of the partition count, each tick starts where the last
 * stopped, and over three ticks every partition gets the same share.
 */
export const streamLag = {
  topic: "orders",
  partitions: 3,
  group: "db-writers",
  loadTicks: 10,
  sendsPerTick: 4,
  recordsPerMemberPerTick: 1,
  tickMs: 1_000,
  sessionTimeoutMs: 30_000,
  memberCounts: [1, 2, 3, 4],
  ticksMax: 500
} as const

/** The producer's name, as `ProducerSend.producer`. */
export const streamProducerName = "api"

/** The name of the `n`-th member (1-based): `db-writer-<n>` (sorted by name, they are in number order up to 9). */
export const streamMemberName = (n: number): string => `db-writer-${n}`

/** The scenario's config: topic `orders` with three partitions, read by the at-least-once group `db-writers` (range assignor). */
export const streamLagConfig: Config = {
  topics: [{ name: streamLag.topic, partitions: streamLag.partitions }],
  groups: [{ name: streamLag.group, mode: "at-least-once", assignor: "range", topics: [streamLag.topic] }],
  sessionTimeoutMs: streamLag.sessionTimeoutMs,
  bounds: { producersMax: 1, membersPerGroupMax: 4, keysMax: 1, recordsPerPollMax: streamLag.recordsPerMemberPerTick, clockAdvanceMsMax: streamLag.tickMs, commandsMax: 60 }
}

/** One played run: the number of members, every command and answer, and where each tick starts. */
export interface StreamLagRun {
  readonly members: number
  readonly commands: ReadonlyArray<Command>
  readonly responses: ReadonlyArray<Response>
  /** The index in `commands` of each tick's first command, tick 1 first (the commands before it join and settle the group). */
  readonly tickStarts: ReadonlyArray<number>
}

const expectAnswer = <Tag extends Response["_tag"]>(response: Response, tags: ReadonlyArray<Tag>, command: Command): ResponseOf<Tag> =>
  expectAnswerOf("stream lag scenario", response, tags, command)

/**
 * Plays the scenario with `members` members.
 *
 * Before the first tick the members join one after the other (`GroupJoin`),
 * then every member heartbeats, round after round, until a whole round
 * answers `HeartbeatOk`: each join rebalanced the group, and a member that
 * joined before the last learns its final assignment through
 * `RebalanceInProgress` (spec `ConsumerHeartbeat` step 4).
 *
 * Each tick, in this order:
 *
 * 1. (from tick 2) the clock advances `tickMs`;
 * 2. during the load, the producer sends `sendsPerTick` unkeyed records
 *    (`order-1`, `order-2`, ...);
 * 3. each member in turn heartbeats (expected `HeartbeatOk`: no rebalance
 *    happens during the run), polls up to `recordsPerMemberPerTick` records,
 *    processes each, and commits, per partition it processed from, the
 *    offset after the last record processed there: the at-least-once
 *    protocol.
 *
 * The run ends with the first tick after the load in which every sent record
 * has been committed (the lag is 0).
 */
export const playStreamLag = (members: number): StreamLagRun => {
  const { commands, play, responses } = modelRecorder(streamLagConfig)
  const { group, topic } = streamLag
  const names = Array.from({ length: members }, (_, i) => streamMemberName(i + 1))
  for (const member of names) {
    const join: Command = { _tag: "GroupJoin", group, member }
    expectAnswer(play(join), ["Joined"], join)
  }
  for (let round = 0;; round++) {
    if (round > members) throw new Error(`the stream lag scenario's group of ${members} did not settle`)
    let settled = true
    for (const member of names) {
      const heartbeat: Command = { _tag: "ConsumerHeartbeat", group, member }
      if (expectAnswer(play(heartbeat), ["HeartbeatOk", "RebalanceInProgress"], heartbeat)._tag !== "HeartbeatOk") settled = false
    }
    if (settled) break
  }
  const tickStarts: Array<number> = []
  let sent = 0
  let committed = 0
  for (let tick = 1;; tick++) {
    if (tick > streamLag.ticksMax) throw new Error(`the stream lag scenario with ${members} members did not catch up in ${streamLag.ticksMax} ticks`)
    tickStarts.push(commands.length)
    if (tick > 1) play({ _tag: "ClockAdvance", ms: streamLag.tickMs })
    if (tick <= streamLag.loadTicks) {
      for (let i = 0; i < streamLag.sendsPerTick; i++) {
        const send: Command = { _tag: "ProducerSend", producer: streamProducerName, topic, value: `order-${sent + 1}` }
        expectAnswer(play(send), ["Sent"], send)
        sent += 1
      }
    }
    for (const member of names) {
      const heartbeat: Command = { _tag: "ConsumerHeartbeat", group, member }
      expectAnswer(play(heartbeat), ["HeartbeatOk"], heartbeat)
      const poll: Command = { _tag: "ConsumerPoll", group, member, recordsMax: streamLag.recordsPerMemberPerTick }
      const records = expectAnswer(play(poll), ["Polled"], poll).records
      const next = new Map<number, PartitionOffset>()
      for (const record of records) {
        const process: Command = { _tag: "ConsumerProcess", group, member, topic: record.topic, partition: record.partition, offset: record.offset }
        expectAnswer(play(process), ["Processed"], process)
        next.set(record.partition, { topic: record.topic, partition: record.partition, offset: record.offset + 1 })
      }
      if (next.size > 0) {
        const commit: Command = { _tag: "ConsumerCommit", group, member, offsets: [...next.values()] }
        expectAnswer(play(commit), ["Committed"], commit)
        committed += records.length
      }
    }
    if (tick >= streamLag.loadTicks && committed === sent) break
  }
  return { members, commands, responses, tickStarts }
}
