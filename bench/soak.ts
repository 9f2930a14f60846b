/**
 * Soak figures for `npm run bench`: lockstep throughput of long runs
 * (`qsem check --soak`), and how long a failing soak run takes to find and
 * shrink by whole segments. Figures only.
 *
 * @module
 */
import { performance } from "node:perf_hooks"
import { builtinTarget, mutants } from "../impl/index.ts"
import { checkTarget } from "../properties/check/checkTarget.ts"
import { soakArbitrary, soakCommandsMaxDefault } from "../properties/soak.ts"
import type { Config } from "../spec/config.ts"
import { formatRate, formatSeconds, measure } from "./measure.ts"

/** Prints the soak figures for `config`, measuring the throughput for `seconds`. */
export const benchSoak = async (config: Config, seconds: number): Promise<void> => {
  const choices = soakArbitrary(soakCommandsMaxDefault)
  let seed = 0
  const soak = await measure(seconds, async () => {
    seed += 1
    return (await checkTarget({ target: builtinTarget, config, runs: 1, seed, choices })).commandsRun
  })
  console.log(`soak:      ${formatRate(soak, "lockstep commands")} (checked runs of up to ${soakCommandsMaxDefault} commands)`)

  const mutant = mutants.find((target) => target.name === "mutant:reorder-partition")
  if (mutant === undefined) return
  const started = performance.now()
  const report = await checkTarget({ target: mutant, config, runs: 10, seed: 1, choices, guarantees: ["PartitionOrderPreserved"] })
  const elapsed = formatSeconds((performance.now() - started) / 1000)
  console.log(
    `soak shrink: ${mutant.name} caught after ${report.commandsRun.toLocaleString("en-US")} commands, shrunk by whole segments to ${
      report.failure?.commands.length ?? "?"
    } commands (drain included), ${elapsed} in all`
  )
}
