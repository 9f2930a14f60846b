import { describe, expect, it } from "vitest"
import { builtinTarget } from "../../impl/index.ts"
import type { Config } from "../../spec/config.ts"
import type { Choice } from "../choice.ts"
import { checkTarget } from "../check/checkTarget.ts"
import type { RunVerdicts } from "../check/evaluate.ts"
import { exampleConfig } from "../exampleConfigs.ts"
import type { Run } from "../run.ts"
import { idleMembersAdd, idleMembersInit, idleMembersMerge } from "./idleMembers.ts"
import { lagAdd, lagInit, lagMerge } from "./lag.ts"
import { partitionLoadAdd, partitionLoadInit, partitionLoadMerge } from "./partitionLoad.ts"
import { queueTrafficAdd, queueTrafficInit, queueTrafficMerge } from "./queueTraffic.ts"
import { retriesAdd, retriesInit, retriesMerge } from "./retries.ts"
import { runStatsAdd, runStatsInit, runStatsMerge } from "./runStats.ts"

interface Explored {
  readonly run: Run
  readonly verdicts: RunVerdicts
  readonly choices: ReadonlyArray<Choice>
}

/** The exploring runs of a check of the built-in broker. */
const exploredRuns = async (config: Config, runs: number, seed: number): Promise<ReadonlyArray<Explored>> => {
  const explored: Array<Explored> = []
  await checkTarget({ target: builtinTarget, config, runs, seed, onRun: (run, verdicts, choices) => explored.push({ run, verdicts, choices }) })
  return explored
}

/** Every statistic of `runs`, each folded from its init. */
const statsOf = (config: Config, runs: ReadonlyArray<Explored>) => {
  const all = {
    partitionLoad: partitionLoadInit(config),
    idleMembers: idleMembersInit(config),
    queueTraffic: queueTrafficInit(),
    lag: lagInit(config),
    retries: retriesInit(config),
    runStats: runStatsInit(config)
  }
  for (const { run, verdicts, choices } of runs) {
    partitionLoadAdd(all.partitionLoad, run)
    idleMembersAdd(all.idleMembers, config, run)
    queueTrafficAdd(all.queueTraffic, config, run)
    lagAdd(all.lag, config, run, choices.length)
    retriesAdd(all.retries, config, run)
    runStatsAdd(all.runStats, run, verdicts, choices.length)
  }
  return all
}

/** The statistics, with each map as its entries in order (so the comparison sees the order keys came up in). */
const ordered = (stats: ReturnType<typeof statsOf>) =>
  JSON.parse(JSON.stringify(stats, (_key, value: unknown) => (value instanceof Map ? [...value] : value))) as unknown

describe("the statistics' merges", () => {
  for (const [name, runs, seed] of [["poison-and-retries", 40, 1], ["queue-and-stream", 40, 2], ["dead-letter-triage", 40, 5], ["exactly-once", 30, 3], ["retention", 30, 4]] as const) {
    it(`give ${name}'s runs, folded in two parts and merged, what folding them in one gives`, async () => {
      const config = exampleConfig(name)
      const explored = await exploredRuns(config, runs, seed)
      const whole = statsOf(config, explored)
      for (const cut of [0, 1, Math.floor(runs / 2), runs - 1]) {
        const merged = statsOf(config, explored.slice(0, cut))
        const later = statsOf(config, explored.slice(cut))
        partitionLoadMerge(merged.partitionLoad, later.partitionLoad)
        idleMembersMerge(merged.idleMembers, later.idleMembers)
        queueTrafficMerge(merged.queueTraffic, later.queueTraffic)
        lagMerge(merged.lag, later.lag)
        retriesMerge(merged.retries, later.retries)
        runStatsMerge(merged.runStats, later.runStats)
        expect(ordered(merged)).toEqual(ordered(whole))
      }
    })
  }
})
