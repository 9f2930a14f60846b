/**
 * Drain completeness, per group, as the history itself shows it. A loss is
 * only a loss once the group's application has nothing left to receive and
 * nothing left to process; the checkers that judge drained histories judge
 * only the groups this module calls drained.
 *
 * @module
 */
import { type Config, type GroupConfig, type History, isolationOf, transactionTimeoutMsDefault } from "../../../spec/index.ts"
import { lastAppendStepsOf, undumpedReasonOf } from "./appends.ts"
import { dumpedLogsOf } from "./dumps.ts"
import { effectHistoryOf } from "./effects.ts"
import { partitionKey, recordKey, showPartition, showRecord } from "./keys.ts"
import type { ClientView, GroupView } from "./replay.ts"
import { Replay } from "./replay.ts"
import { memoByHistoryAndConfig } from "./historyMemo.ts"

/** What the end of a history says about each configured group's drain. */
interface DrainState {
  readonly replay: Replay
  /** Step of the last append (record or marker), per partition key. */
  readonly lastSendStep: ReadonlyMap<string, number>
  /** The record keys each group is done with: answered `Processed` or (set aside) `ProcessDeadLettered` for. */
  readonly processed: ReadonlyMap<string, ReadonlySet<string>>
}

const drainStateOf = (history: History, config: Config): DrainState => {
  const replay = new Replay(config)
  const processed = new Map<string, Set<string>>()
  history.forEach((entry, step) => {
    const response = entry.response
    if (response._tag === "Processed" || response._tag === "ProcessDeadLettered") {
      let keys = processed.get(response.group)
      if (keys === undefined) processed.set(response.group, (keys = new Set()))
      keys.add(recordKey(response.topic, response.partition, response.offset))
    }
    replay.apply(entry, step)
  })
  return { replay, lastSendStep: lastAppendStepsOf(history), processed }
}

/** A live client: running, its session not expired. */
const isLive = (client: ClientView): boolean => client.running && !client.expired

/**
 * Whether the client's protocol still lets it process a record it holds: a
 * live client may process it (at-least-once, exactly-once) or commit and then
 * process it (at-most-once); a zombie (expired session) can no longer commit,
 * so under at-most-once it may process only what its own commits covered,
 * and under exactly-once nothing (its offsets are refused, so its transaction
 * cannot count: the group's new owner processes the record again).
 */
const mayStillProcess = (client: ClientView, group: GroupConfig, topic: string, partition: number, offset: number): boolean =>
  isLive(client) || group.mode === "at-least-once" ||
  (group.mode === "at-most-once" && (client.commits.get(partitionKey(topic, partition)) ?? 0) > offset)

/**
 * Why a `read_committed` (or exactly-once) group may still have something to
 * read: a transaction still open at the end of the history that holds
 * offsets sent for the group (its new owners wait for it, KIP-447) or records
 * in a partition it reads (they may yet commit), and that has not timed out
 * by the history's clock (past its timeout, the coordinator must have aborted
 * it, so the group is judged as it stands).
 */
const openTransactionReason = (state: DrainState, config: Config, groupConfig: GroupConfig): string | undefined => {
  if (isolationOf(groupConfig) !== "read_committed") return undefined
  const transactions = state.replay.transactions
  const timeoutMs = config.transactionTimeoutMs ?? transactionTimeoutMsDefault
  for (const transaction of transactions.open.values()) {
    if (transaction.startMs + timeoutMs <= transactions.nowMs) continue
    const offsets = transaction.offsets.some((sent) => sent.group === groupConfig.name)
    const records = [...transaction.partitions.values()].find((written) => groupConfig.topics.includes(written.topic))
    if (!offsets && records === undefined) continue
    return `${transaction.transactionalId}'s transaction, open since step ${transaction.startStep + 1} and not timed out, holds ${
      offsets ? `offsets of ${groupConfig.name}` : `records in ${showPartition(records!.topic, records!.partition)}`
    }`
  }
  return undefined
}

/**
 * Why an exactly-once group's results, or a group's effect inputs, are not
 * all shown: every partition of the input topics of an exactly-once group or
 * a group with an effect, and of an exactly-once group's output topic, needs
 * a dump from offset 0 after the last append to it.
 */
const undumpedReason = (history: History, state: DrainState, config: Config, groupConfig: GroupConfig): string | undefined => {
  if (groupConfig.mode !== "exactly-once" && groupConfig.effect === undefined) return undefined
  const logs = dumpedLogsOf(history)
  for (const topic of config.topics) {
    if (!groupConfig.topics.includes(topic.name) && topic.name !== groupConfig.outputTopic) continue
    const reason = undumpedReasonOf(logs, state.lastSendStep, topic)
    if (reason !== undefined) return reason
  }
  return undefined
}

/** Why a group with an effect has no listing of its effect store after its last processing (`Processed` or `ProcessCrashed`). */
const unlistedReason = (history: History, groupConfig: GroupConfig): string | undefined => {
  if (groupConfig.effect === undefined) return undefined
  const effects = effectHistoryOf(history)
  const listed = effects.lastListing(groupConfig.name)
  const processedLast = effects.lastProcessingStep(groupConfig.name)
  if (listed !== undefined && listed.step > processedLast) return undefined
  return `no ObserverEffects lists ${groupConfig.name}'s effect store${processedLast >= 0 ? ` after its last processing (step ${processedLast + 1})` : ""}`
}

/**
 * Per partition key, the lowest offset the client holds whose last attempt
 * by the client answered `ProcessFailed`: its application is stuck there
 * (the drain gives up on a record after its policy's attempts), so that
 * record and those behind it in its partition are left as they are.
 */
const stuckFromOf = (client: ClientView): ReadonlyMap<string, number> => {
  const stuck = new Map<string, number>()
  for (const [key, attempts] of client.attempts) {
    if (!client.buffer.has(key)) continue
    const partition = partitionKey(attempts.topic, attempts.partition)
    stuck.set(partition, Math.min(stuck.get(partition) ?? attempts.offset, attempts.offset))
  }
  return stuck
}

/** Why the group's drain is not shown complete, or `undefined` when it is. */
const undrainedReason = (history: History, state: DrainState, config: Config, groupConfig: GroupConfig): string | undefined => {
  const group: GroupView = state.replay.group(groupConfig.name)
  const processed = state.processed.get(groupConfig.name)
  const clients = [...group.clients.values()]
  for (const client of clients) {
    if (!client.running) continue
    const stuckFrom = groupConfig.failure === undefined ? undefined : stuckFromOf(client)
    for (const held of client.buffer.values()) {
      if (processed?.has(recordKey(held.topic, held.partition, held.offset)) === true) continue
      if (!mayStillProcess(client, groupConfig, held.topic, held.partition, held.offset)) continue
      const stuck = stuckFrom?.get(partitionKey(held.topic, held.partition))
      if (stuck !== undefined && stuck <= held.offset) continue
      return `${client.expired ? "zombie " : ""}member ${client.member} of ${group.name} still holds ${
        showRecord(held.topic, held.partition, held.offset)
      }, which ${group.name} never processed`
    }
  }
  const pollers = clients.filter((client) => isLive(client) && client.generation === group.generationMax)
  const subscribed = config.topics.some((topic) => groupConfig.topics.includes(topic.name) && topic.partitions > 0)
  if (pollers.length === 0 && subscribed) {
    return clients.length === 0
      ? `no member of ${group.name} ever joined, so none polled its partitions empty`
      : `${group.name} has no live member in its latest generation (${group.generationMax}) to poll its partitions empty`
  }
  for (const topic of config.topics) {
    if (!groupConfig.topics.includes(topic.name)) continue
    for (let partition = 0; partition < topic.partitions; partition++) {
      const key = partitionKey(topic.name, partition)
      const sentLast = state.lastSendStep.get(key) ?? -1
      const shown = pollers.some((client) =>
        client.lastPoll !== undefined && client.lastPoll.empty && client.lastPoll.step > sentLast &&
        client.assignment.some((owned) => owned.topic === topic.name && owned.partition === partition)
      )
      if (!shown) {
        return `no live member of ${group.name}'s latest generation that owns ${
          showPartition(topic.name, partition)
        } polled nothing at its last poll${sentLast >= 0 ? ` after the last send to it (step ${sentLast + 1})` : ""}`
      }
    }
  }
  return openTransactionReason(state, config, groupConfig) ?? undumpedReason(history, state, config, groupConfig) ??
    unlistedReason(history, groupConfig)
}

/**
 * The configured groups whose drain the history does not show complete, each
 * with the reason in one line (see {@link drainedGroupsOf}).
 */
export const undrainedGroupsOf: (history: History, config: Config) => ReadonlyMap<string, string> = memoByHistoryAndConfig((history, config) => {
  const state = drainStateOf(history, config)
  const undrained = new Map<string, string>()
  for (const group of config.groups) {
    const reason = undrainedReason(history, state, config, group)
    if (reason !== undefined) undrained.set(group.name, reason)
  }
  return undrained
})

/**
 * The configured groups whose drain the history itself shows complete. With
 * the {@link Replay} of the whole history, a group is drained when both hold:
 *
 * 1. Nothing is left to process: no running client of the group (zombies
 *    included) holds in its buffer a record the group never processed (nor
 *    dead-lettered) and that the client's protocol still lets it process. A
 *    live client (running, session not expired) may process anything it
 *    holds (at-most-once: after committing it); a zombie may process
 *    anything under at-least-once, and under at-most-once what its own
 *    `Committed` answers covered. A group whose application is stuck on
 *    failures is drained all the same: a record the client holds is left
 *    when it is, or is behind in its partition, a record the client holds
 *    whose last attempt by the client answered `ProcessFailed` (the drain
 *    gives up on a record after its policy's attempts, plus a margin, and
 *    leaves its partition).
 * 2. Nothing is left to deliver: every partition of the topics the group
 *    subscribes to is in the assignment of a live client of the group's
 *    latest generation whose last poll since it synced answered `Polled` with
 *    no record, after the last append to that partition (a `Sent` or
 *    `SendTimedOut` send, an exactly-once result, a transaction marker, a
 *    dead-letter publish, a redrive).
 * 3. A `read_committed` group waits for no transaction: none is open at the
 *    end with offsets sent for the group or records in a partition it reads,
 *    unless the history's clock is past its timeout.
 * 4. An exactly-once group's results are shown: every partition of its input
 *    and output topics was dumped whole (`ObserverDump` from 0) after its
 *    last append; so are the input topics of a group with an effect.
 * 5. A group with an effect has its effect store listed (`EffectsListed`)
 *    after its last processing (`Processed` or `ProcessCrashed`).
 *
 * The standard drain (`properties/drain.ts`) ends every group this way on a
 * conforming target. A run cut short, a hand-written trace without a drain,
 * or saved commands replayed against another target than the one whose
 * answers decided them, may not.
 */
export const drainedGroupsOf = (history: History, config: Config): ReadonlySet<string> => {
  const undrained = undrainedGroupsOf(history, config)
  return new Set(config.groups.map((group) => group.name).filter((name) => !undrained.has(name)))
}

/**
 * An `undrainedOf` for a checker that judges only some groups (those `judged`
 * picks from the config): {@link undrainedGroupsOf} among them.
 */
export const undrainedAmong =
  (judged: (config: Config) => ReadonlyArray<GroupConfig>) => (history: History, config: Config): ReadonlyMap<string, string> => {
    const undrained = undrainedGroupsOf(history, config)
    return new Map(judged(config).flatMap((group) => {
      const reason = undrained.get(group.name)
      return reason === undefined ? [] : [[group.name, reason] as const]
    }))
  }
