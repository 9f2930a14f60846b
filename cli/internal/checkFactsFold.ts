/**
 * What `qsem check` folds from every exploring run besides the tallies: the
 * facts it prints after its table (partition load, idle members, queue
 * traffic, lag, retries) and, with `--stats`, the run statistics. One fold,
 * built alike in the main thread and in each worker thread (from
 * {@link CheckFactsData}), so the workers send these summaries rather than
 * their runs.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import type { RunFold } from "../../properties/check/runFold.ts"
import {
  idleMembersAdd,
  idleMembersInit,
  idleMembersMerge,
  lagAdd,
  lagInit,
  lagMerge,
  partitionLoadAdd,
  partitionLoadInit,
  partitionLoadMerge,
  queueTrafficAdd,
  queueTrafficInit,
  queueTrafficMerge,
  retriesAdd,
  retriesInit,
  retriesMerge,
  runStatsAdd,
  runStatsInit,
  runStatsMerge,
  type IdleMembers,
  type Lag,
  type PartitionLoad,
  type QueueTraffic,
  type Retries,
  type RunStats
} from "../../properties/stats/index.ts"

/** The facts of a check's exploring runs (mutable: the fold adds to them). */
export interface CheckFacts {
  readonly partitionLoad: PartitionLoad
  readonly idleMembers: IdleMembers
  readonly queueTraffic: QueueTraffic
  readonly lag: Lag
  readonly retries: Retries
  /** `--stats` only. */
  readonly stats: RunStats | undefined
}

/** What decides the fold besides the config (plain data, sent to the worker threads). */
export interface CheckFactsData {
  /** With `--stats`: the guarantees whose witnesses it lists (the applicable ones the check judges); `undefined` without. */
  readonly statsGuarantees: ReadonlyArray<GuaranteeId> | undefined
}

/** The fold of {@link CheckFacts} for runs of `config`. */
export const checkFactsFold = (config: Config, data: CheckFactsData): RunFold<CheckFacts> => ({
  init: () => ({
    partitionLoad: partitionLoadInit(config),
    idleMembers: idleMembersInit(config),
    queueTraffic: queueTrafficInit(),
    lag: lagInit(config),
    retries: retriesInit(config),
    stats: data.statsGuarantees === undefined ? undefined : runStatsInit(config, data.statsGuarantees)
  }),
  add: (facts, run, verdicts, choices) => {
    partitionLoadAdd(facts.partitionLoad, run)
    idleMembersAdd(facts.idleMembers, config, run)
    queueTrafficAdd(facts.queueTraffic, config, run)
    lagAdd(facts.lag, config, run, choices.length)
    retriesAdd(facts.retries, config, run)
    if (facts.stats !== undefined) runStatsAdd(facts.stats, run, verdicts, choices.length)
  },
  merge: (facts, later) => {
    partitionLoadMerge(facts.partitionLoad, later.partitionLoad)
    idleMembersMerge(facts.idleMembers, later.idleMembers)
    queueTrafficMerge(facts.queueTraffic, later.queueTraffic)
    lagMerge(facts.lag, later.lag)
    retriesMerge(facts.retries, later.retries)
    if (facts.stats !== undefined && later.stats !== undefined) runStatsMerge(facts.stats, later.stats)
  }
})
