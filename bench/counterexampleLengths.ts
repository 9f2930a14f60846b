/**
 * `npx tsx bench/counterexampleLengths.ts [seedsMax]`: checks every built-in
 * mutant with seeds 1..seedsMax (default 5) the way `qsem check --target
 * mutant:<name> --seed S` does (default config, 200 runs, every guarantee,
 * exact conformance), and prints each counterexample's length before the
 * drain, its drain's length and its verdict, then the distribution of the
 * lengths and the runs shrinking and minimizing spent. Figures only;
 * nothing here asserts.
 *
 * @module
 */
import { performance } from "node:perf_hooks"
import { configDefault } from "../spec/config.ts"
import { mutants } from "../impl/index.ts"
import { checkTarget } from "../properties/check/checkTarget.ts"

const seedsMax = Number(process.argv[2] ?? 5)

/** The value at rank `q` (0..1) of sorted numbers, the lower one at a tie. */
const quantile = (sorted: ReadonlyArray<number>, q: number): number => sorted[Math.floor((sorted.length - 1) * q)] ?? 0

const main = async () => {
  const lengths: Array<number> = []
  let shrinkRuns = 0
  let minimizeRuns = 0
  let notMinimal = 0
  const started = performance.now()
  for (const target of mutants) {
    for (let seed = 1; seed <= seedsMax; seed++) {
      const t0 = performance.now()
      const report = await checkTarget({ target, config: configDefault, runs: 200, seed })
      const trace = report.failure
      const ms = Math.round(performance.now() - t0)
      if (trace === undefined) {
        console.log(`${target.name.padEnd(28)} seed ${seed}: survived ${report.runsDone} runs (${ms} ms)`)
        continue
      }
      const before = report.failureDrainStart ?? trace.commands.length
      const drain = trace.commands.length - before
      lengths.push(before)
      const verdict = trace.verdict._tag === "GuaranteeViolated" ? trace.verdict.guarantee : "Divergence"
      const stats = report.minimization
      shrinkRuns += stats?.shrinkAttempts ?? 0
      minimizeRuns += stats?.minimizeAttempts ?? 0
      if (stats !== undefined && !stats.oneMinimal) notMinimal += 1
      const stages = stats === undefined
        ? "not minimized"
        : `explored ${stats.lengthExplored} -> fast-check ${stats.lengthShrunk} (${stats.shrinkAttempts} runs) -> ddmin ${stats.lengthMinimized} (${stats.minimizeAttempts} runs${stats.oneMinimal ? "" : ", budget out"})`
      const drained = trace.drainGroups === undefined ? "all" : `[${trace.drainGroups.join(" ")}]`
      console.log(`${target.name.padEnd(28)} seed ${seed}: ${String(before).padStart(3)} + drain ${String(drain).padStart(3)} ${drained.padEnd(18)} ${verdict.padEnd(27)} ${stages} (${ms} ms)`)
    }
  }
  const sorted = [...lengths].sort((x, y) => x - y)
  console.log(`\n${sorted.length} counterexamples, lengths before the drain: min ${sorted[0]}, median ${quantile(sorted, 0.5)}, p90 ${quantile(sorted, 0.9)}, max ${sorted[sorted.length - 1]}`)
  console.log(`runs spent: fast-check's shrink ${shrinkRuns}, the minimizer ${minimizeRuns}; ${notMinimal} not 1-minimal (budget out)`)
  console.log(`histogram: ${[...new Set(sorted)].map((n) => `${n}:${sorted.filter((m) => m === n).length}`).join(" ")}`)
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

main().catch((error: unknown) => {
  process.stderr.write(`counterexampleLengths: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exitCode = 1
})
