/**
 * A replay of what a history's answers imply about processing failures, on
 * top of {@link Replay} (which keeps each client's attempts per record place,
 * its buffer and the clock): per group with a `failure` config, its
 * downstream (up or down, from `DownstreamSet`), its circuit breaker, and its
 * dead-letterings and redrives. The one home of this state for the failure
 * checkers and the retry figures.
 *
 * The breaker is replayed as CircuitBreakerStopsRetryStorms states it: a
 * downstream call is a `ProcessFailed` with cause `downstream`, a
 * `ProcessDeadLettered` with cause `downstream` (the last attempt, whose call
 * failed: `ConsumerProcess` step 3a counts it like any failed call), or a
 * `Processed` of a group with a `failure` config; closed, the
 * `failuresMax`-th consecutive failed call opens it at that call's clock;
 * open, a call is the probe (on time once the cool-down passed): its failure
 * opens it again at its clock, its success closes it; any successful call
 * resets the count.
 *
 * Walk the history once: look at the replay *before* each entry (the state
 * the entry acts on), then {@link FailureReplay.apply} the entry.
 *
 * @module
 */
import {
  type BreakerConfig,
  type Config,
  type FailureCause,
  type FailureConfig,
  type GroupConfig,
  type HistoryEntry,
  type PartitionOffset
} from "../../../spec/index.ts"
import { recordKey } from "./keys.ts"
import { Replay } from "./replay.ts"

/** A group's circuit breaker, as its answers replay it. */
export interface BreakerView {
  /** Whether it is open (until a probe succeeds). */
  open: boolean
  /** Consecutive failed downstream calls while closed. */
  failures: number
  /** The clock and step at which it last opened (meaningful while open). */
  openedAtMs: number
  openedStep: number
  /** How many times it opened. */
  openings: number
  /** Whether it held back an attempt (`BreakerOpen`, or a dead-lettering with cause `breaker-open`) since it last opened from closed. */
  heldBack: boolean
  /** Whether it ever opened, held an attempt back, and closed after a successful probe (CircuitBreakerStopsRetryStorms' witness). */
  cycled: boolean
}

/** One `ProcessDeadLettered` answer: what was set aside, where it went, and what redrove it. */
export interface DeadLettering {
  readonly step: number
  readonly group: string
  readonly member: string
  /** The original's place. */
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly cause: FailureCause
  readonly attempts: number
  readonly deadLetter: PartitionOffset
  /** The clock when it was dead-lettered. */
  readonly atMs: number
  /** Whether the group's downstream was down then. */
  readonly downstreamDown: boolean
  /** The original's key and value, as delivered (`undefined` when no poll delivered it). */
  readonly key: string | undefined
  readonly value: string | undefined
  /** The redrive that returned it: its step, the place it got in the source partition, and whether the group's downstream was up then. */
  redriven: { readonly step: number; readonly source: PartitionOffset; readonly downstreamUp: boolean } | undefined
}

/** What the answers say about one group's failure handling. */
export class GroupFailures {
  downstreamUp = true
  readonly breaker: BreakerView = { open: false, failures: 0, openedAtMs: 0, openedStep: -1, openings: 0, heldBack: false, cycled: false }
  /** Its dead-letterings, in order. */
  readonly deadLetterings: Array<DeadLettering> = []
  /** How many of them the redrives so far returned (redrives return them in order). */
  redrivenCount = 0

  constructor(
    readonly name: string,
    readonly config: GroupConfig | undefined
  ) {}

  /** The group's failure config, if any. */
  get failure(): FailureConfig | undefined {
    return this.config?.failure
  }

  /** The group's breaker config, if any. */
  get breakerConfig(): BreakerConfig | undefined {
    return this.config?.failure?.breaker
  }

  /** The dead-letterings no redrive returned yet, in order. */
  pendingRedrive(): ReadonlyArray<DeadLettering> {
    return this.deadLetterings.filter((d) => d.redriven === undefined)
  }

  /** Whether the breaker is open and its cool-down has not passed at `nowMs` (no downstream call may be made). */
  coolingAt(nowMs: number): boolean {
    const breaker = this.breakerConfig
    return breaker !== undefined && this.breaker.open && nowMs < this.breaker.openedAtMs + breaker.coolDownMs
  }

  /** A downstream call at `nowMs` (step `step`) that failed or succeeded, folded into the breaker. */
  call(ok: boolean, nowMs: number, step: number): void {
    const breaker = this.breakerConfig
    const view = this.breaker
    if (breaker === undefined) return
    if (ok) {
      if (view.open && view.heldBack) view.cycled = true
      view.open = false
      view.failures = 0
      return
    }
    if (view.open) {
      // A failed probe (or a call the cool-down forbade) opens it again from now.
      view.openedAtMs = nowMs
      view.openedStep = step
      view.openings += 1
      return
    }
    view.failures += 1
    if (view.failures >= breaker.failuresMax) {
      view.open = true
      view.failures = 0
      view.openedAtMs = nowMs
      view.openedStep = step
      view.openings += 1
      view.heldBack = false
    }
  }
}

/** The failure replay of one history; see the module comment. */
export class FailureReplay {
  /** The replay of groups, clients, logs and the clock. */
  readonly replay: Replay
  private readonly groups = new Map<string, GroupFailures>()
  private readonly configs: ReadonlyMap<string, GroupConfig>
  /** Every dead-lettering, per record key of its dead-letter place (the first that named it). */
  readonly byDeadLetter = new Map<string, DeadLettering>()
  /** Every redriven record's dead-lettering, per record key of its place in the source partition. */
  readonly bySource = new Map<string, DeadLettering>()

  constructor(config: Config) {
    this.replay = new Replay(config)
    this.configs = new Map(config.groups.map((group) => [group.name, group]))
  }

  /** The clock as the answers so far set it. */
  get nowMs(): number {
    return this.replay.nowMs
  }

  /** The failure state of a group (created on first use, even for an unconfigured name). */
  group(name: string): GroupFailures {
    let group = this.groups.get(name)
    if (group === undefined) {
      group = new GroupFailures(name, this.configs.get(name))
      this.groups.set(name, group)
    }
    return group
  }

  /** Every group seen so far or configured, in configuration order first. */
  allGroups(): Iterable<GroupFailures> {
    for (const name of this.configs.keys()) this.group(name)
    return this.groups.values()
  }

  /** The value of the record at a place as last delivered (`undefined` when no poll delivered it). */
  valueAt(topic: string, partition: number, offset: number): string | undefined {
    return this.replay.deliveredRecord(topic, partition, offset)?.value
  }

  /** Folds one entry's answer in (and then into the underlying replay). */
  apply(entry: HistoryEntry, step: number): void {
    const response = entry.response
    const nowMs = this.replay.nowMs
    switch (response._tag) {
      case "DownstreamSet":
        this.group(response.group).downstreamUp = response.up
        break
      case "ProcessFailed":
        if (response.cause === "downstream") this.group(response.group).call(false, nowMs, step)
        break
      case "Processed": {
        const group = this.group(response.group)
        if (group.failure !== undefined) group.call(true, nowMs, step)
        break
      }
      case "BreakerOpen":
        this.group(response.group).breaker.heldBack = true
        break
      case "ProcessDeadLettered": {
        const group = this.group(response.group)
        if (response.cause === "breaker-open") group.breaker.heldBack = true
        // The last attempt at a record, whose downstream call failed: a failed call like any other.
        if (response.cause === "downstream") group.call(false, nowMs, step)
        const original = this.replay.deliveredRecord(response.topic, response.partition, response.offset)
        const deadLettering: DeadLettering = {
          step,
          group: response.group,
          member: response.member,
          topic: response.topic,
          partition: response.partition,
          offset: response.offset,
          cause: response.cause,
          attempts: response.attempts,
          deadLetter: response.deadLetter,
          atMs: nowMs,
          downstreamDown: !group.downstreamUp,
          key: original?.key,
          value: original?.value,
          redriven: undefined
        }
        group.deadLetterings.push(deadLettering)
        const key = recordKey(response.deadLetter.topic, response.deadLetter.partition, response.deadLetter.offset)
        if (!this.byDeadLetter.has(key)) this.byDeadLetter.set(key, deadLettering)
        break
      }
      case "DeadLettersRedriven": {
        const group = this.group(response.group)
        const pending = group.pendingRedrive()
        response.records.forEach((redriven, index) => {
          // A redrive returns the pending dead-letterings in order; one it names out of order is matched by its place.
          const byPlace = this.byDeadLetter.get(recordKey(redriven.deadLetter.topic, redriven.deadLetter.partition, redriven.deadLetter.offset))
          const deadLettering = byPlace?.group === response.group && byPlace.redriven === undefined ? byPlace : pending[index]
          if (deadLettering === undefined || deadLettering.redriven !== undefined) return
          deadLettering.redriven = { step, source: redriven.source, downstreamUp: group.downstreamUp }
          group.redrivenCount += 1
          this.bySource.set(recordKey(redriven.source.topic, redriven.source.partition, redriven.source.offset), deadLettering)
        })
        break
      }
      default:
        break
    }
    this.replay.apply(entry, step)
  }
}
