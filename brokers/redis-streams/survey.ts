/**
 * A survey of the Redis Streams target: runs `runs` generated runs of the
 * shipped config per setting (the runs `qsem check --seed <seed>` explores,
 * without stopping at the first failure) and prints, per setting, every
 * applicable queue guarantee's tally (runs violated, runs witnessed), the
 * first violation of each, how many runs diverged from the model and at
 * which answer first, seconds per run and the restart times. The figures
 * behind the profile and the report; not a test.
 *
 * Run: `npx tsx brokers/redis-streams/survey.ts [runs] [seed] [setting...]`
 *
 * @module
 */
import { Effect } from "effect"
import { catalogue } from "../../spec/catalogue.ts"
import { evaluateRun } from "../../properties/check/evaluate.ts"
import { choicesOfCheck } from "../../properties/check/choicesOfCheck.ts"
import { runChoicesSource } from "../../properties/check/runChoicesSource.ts"
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import { notApplicableReasonOf } from "../../properties/guarantees/applicability.ts"
import { guaranteeCheckById } from "../../properties/guarantees/index.ts"
import { runChoices } from "../../properties/run.ts"
import { isRedisSetting, redisSettings } from "./server.ts"
import { makeRedisStreamsTarget } from "./target.ts"

const runs = Number(process.argv[2] ?? 20)
const seed = Number(process.argv[3] ?? 1)
const settings = process.argv.slice(4).filter(isRedisSetting)
const config = exampleConfig("brokers/redis-streams")
const checks = catalogue.filter((guarantee) => notApplicableReasonOf(guarantee, guaranteeCheckById(guarantee.id), config) === undefined).map((guarantee) => guaranteeCheckById(guarantee.id))
const source = runChoicesSource(choicesOfCheck(config, config.bounds.commandsMax, false), seed)

for (const setting of settings.length > 0 ? settings : redisSettings) {
  const target = makeRedisStreamsTarget(setting)
  await target.prepare()
  const violated = new Map<string, { runs: number; first: string }>()
  const witnessed = new Map<string, number>()
  const divergedAt = new Map<string, number>()
  let diverged = 0
  let commands = 0
  const started = performance.now()
  try {
    for (let index = 0; index < runs; index++) {
      const run = await Effect.runPromise(runChoices(target, config, source.at(index)))
      commands += run.commands.length
      const verdicts = evaluateRun(run, config, checks)
      if (run.targetFailed) throw new Error(`run ${index}: the target failed: ${run.divergence?.message}`)
      if (run.divergence !== undefined) {
        diverged += 1
        const what = `${run.commands[run.divergence.step]._tag}: ${run.divergence.message.split("\n")[0].slice(0, 120)}`
        divergedAt.set(what, (divergedAt.get(what) ?? 0) + 1)
      }
      for (const violation of verdicts.violations) {
        const seen = violated.get(violation.guarantee)
        if (seen === undefined) violated.set(violation.guarantee, { runs: 1, first: `run ${index}, step ${violation.step + 1}: ${violation.message}` })
        else seen.runs += 1
      }
      for (const id of verdicts.witnessed) witnessed.set(id, (witnessed.get(id) ?? 0) + 1)
    }
  } finally {
    await target.close()
  }
  const seconds = (performance.now() - started) / 1000
  console.log(`\n== redis-streams:${setting}: ${runs} runs (seed ${seed}), ${commands} commands, ${(seconds / runs).toFixed(2)} s per run, ${diverged} diverged from the model`)
  for (const check of checks) {
    const bad = violated.get(check.id)
    console.log(`  ${check.id}: ${bad === undefined ? "held" : `VIOLATED in ${bad.runs} runs`}, witnessed in ${witnessed.get(check.id) ?? 0} runs${bad === undefined ? "" : `\n    first: ${bad.first}`}`)
  }
  for (const [what, count] of divergedAt) console.log(`  first divergence ${count}x: ${what}`)
  const restarts = target.restartTimesMs
  if (restarts.length > 0) {
    const sorted = [...restarts].sort((a, b) => a - b)
    console.log(`  restarts: ${restarts.length}, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`)
  }
}
