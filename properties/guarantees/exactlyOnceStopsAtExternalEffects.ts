/**
 * ExactlyOnceStopsAtExternalEffects: an exactly-once group's external effect
 * (remedy `none`) is repeated exactly when the transaction that applied it
 * ended without a commit, or when a rebalance handed its input to another
 * member while that transaction was still open, while the output topic keeps
 * one committed result.
 *
 * @module
 */
import type { Config, GroupConfig, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { drainedGroupsOf } from "./internal/drainedGroups.ts"
import { dumpedLogsOf } from "./internal/dumps.ts"
import { effectHistoryOf, type EffectEvent, showEvent } from "./internal/effects.ts"
import { memberKey, ordinal, recordKey } from "./internal/keys.ts"
import { ledgerMismatchOf } from "./internal/ledger.ts"
import { ProducerKinds } from "./internal/producers.ts"
import { Replay } from "./internal/replay.ts"
import { committedResultsOf, resultValue } from "./internal/results.ts"

/** The exactly-once groups whose effect has remedy `none`. */
const judgedGroupsOf = (config: Config): ReadonlyArray<GroupConfig> =>
  config.groups.filter((group) => group.mode === "exactly-once" && group.effect?.remedy === "none")

/** One application of an effect, and how the transaction that applied it ended (so far). */
interface Application {
  readonly event: EffectEvent
  /** The step its transaction ended at without a commit (a crash, an abort, a new epoch, a timeout, a fenced step). */
  ended: number | undefined
  /** The step its transaction committed at. */
  committed: number | undefined
  /** The generation the applying member's client had learned when it applied it. */
  readonly generation: number
}

/**
 * The judged groups' members (by member key) whose open transaction this
 * entry ends, and whether by a commit: a crash (`Crashed`,
 * `ProcessCrashed`), an abort, a new epoch's init, a fence or a timeout end
 * it without one.
 */
const endsOf = (
  history: History,
  step: number,
  groups: ReadonlyMap<string, GroupConfig>,
  kinds: ProducerKinds
): ReadonlyArray<{ readonly member: string; readonly commit: boolean }> => {
  const response = history[step].response
  const byProducer = (producer: string, commit = false) => {
    const group = kinds.of(producer).group
    return group !== undefined && groups.has(group) ? [{ member: memberKey(group, producer.slice(group.length + 1)), commit }] : []
  }
  switch (response._tag) {
    case "Crashed":
    case "ProcessCrashed":
      return groups.has(response.group) ? [{ member: memberKey(response.group, response.member), commit: false }] : []
    case "TxnAborted":
    case "ProducerInitialized":
    case "ProducerFenced":
      return byProducer(response.producer)
    case "ClockAdvanced":
      return (response.transactionsAborted ?? []).flatMap((aborted) => byProducer(aborted.transactionalId))
    case "TxnCommitted":
      return byProducer(response.producer, true)
    default:
      return []
  }
}

/**
 * In history order: an `applied` outcome of an input whose earlier
 * application's transaction committed while the applying client is not of
 * an older generation than the committing one's, or is still open while the
 * applying client is of the same generation as the earlier one's (no
 * rebalance handed the input over between them: the old owner, a zombie of
 * an older generation, and the new owner, reading from the committed
 * offsets, may each apply it, in either order; a zombie that fetched the
 * input before the rebalance may apply it even after the new owner
 * committed, its own transaction being fenced); then,
 * for each drained group, a ledger whose entries per id differ from the
 * `applied` outcomes reported before its listing.
 */
const always = (history: History, config: Config): Violation | undefined => {
  const groups = new Map(judgedGroupsOf(config).map((group) => [group.name, group]))
  if (groups.size === 0) return undefined
  const effects = effectHistoryOf(history)
  const events = new Map<number, EffectEvent>(effects.events.filter((event) => groups.has(event.group)).map((event) => [event.step, event]))
  const kinds = new ProducerKinds(config)
  const replay = new Replay(config)
  const applications = new Map<string, Array<Application>>()
  const open = new Map<string, Array<Application>>()
  for (let step = 0; step < history.length; step++) {
    const event = events.get(step)
    if (event !== undefined && event.effect.outcome === "applied") {
      const key = `${event.group}\u0000${recordKey(event.topic, event.partition, event.offset)}`
      let earlier = applications.get(key)
      if (earlier === undefined) applications.set(key, (earlier = []))
      const generation = replay.client(event.group, event.member).generation ?? 0
      // A zombie (a client of an older generation) may apply an input the new owner applied, even once that one committed.
      const handedOver = (application: Application) =>
        application.committed === undefined ? generation !== application.generation : generation < application.generation
      const unended = earlier.find((application) => application.ended === undefined && !handedOver(application))
      if (unended !== undefined) {
        const state = unended.committed === undefined
          ? `its transaction had not ended and no rebalance handed the input over (both applying clients are of generation ${unended.generation})`
          : `its transaction committed at step ${unended.committed + 1}`
        return {
          step,
          message: `exactly-once group ${event.group} applied the effect of ${showEvent(event)} a ${ordinal(earlier.length + 1)} time, but its application at step ${
            unended.event.step + 1
          } (member ${unended.event.member}) was followed by no crash, abort or fence of its transaction: ${state}`
        }
      }
      const application: Application = { event, ended: undefined, committed: undefined, generation }
      earlier.push(application)
      const member = memberKey(event.group, event.member)
      let pending = open.get(member)
      if (pending === undefined) open.set(member, (pending = []))
      pending.push(application)
    }
    for (const end of endsOf(history, step, groups, kinds)) {
      for (const application of open.get(end.member) ?? []) {
        if (end.commit) application.committed = step
        else application.ended = step
      }
      open.delete(end.member)
    }
    replay.apply(history[step], step)
  }
  const drained = drainedGroupsOf(history, config)
  for (const group of groups.values()) {
    if (!drained.has(group.name)) continue
    const listing = effects.lastListing(group.name)
    if (listing === undefined) continue
    const mismatch = ledgerMismatchOf(listing, effects.eventsOf(group.name))
    if (mismatch !== undefined) return { step: listing.step, message: `exactly-once group ${group.name}'s ledger (EffectsListed at step ${listing.step + 1}) ${mismatch}` }
  }
  return undefined
}

/** A drained judged group applied one input's effect twice, and the drain's dump shows exactly one committed result for that input. */
const sometimes = (history: History, config: Config): boolean => {
  const groups = judgedGroupsOf(config)
  if (groups.length === 0) return false
  const drained = drainedGroupsOf(history, config)
  const effects = effectHistoryOf(history)
  const logs = dumpedLogsOf(history)
  for (const group of groups) {
    if (!drained.has(group.name)) continue
    const counts = new Map<string, number>()
    for (const event of effects.eventsOf(group.name)) {
      if (event.effect.outcome !== "applied") continue
      const value = resultValue(event.topic, event.partition, event.offset)
      counts.set(value, (counts.get(value) ?? 0) + 1)
    }
    const results = committedResultsOf(logs, config, group)
    for (const [value, count] of counts) if (count >= 2 && results.get(value)?.length === 1) return true
  }
  return false
}

/** The checker of ExactlyOnceStopsAtExternalEffects. */
export const exactlyOnceStopsAtExternalEffects: GuaranteeCheck = {
  id: "ExactlyOnceStopsAtExternalEffects",
  always,
  sometimes,
  notApplicableReason: (config) =>
    judgedGroupsOf(config).some((group) => group.topics.length > 0)
      ? undefined
      : "needs an exactly-once group that reads a topic with an effect of remedy \"none\"; the config has none"
}

