/**
 * The model's steps per second, or the lockstep's commands per second, in a
 * process of its own (`npm run bench` starts it: `freshRate.ts model|lockstep
 * SECONDS`): nothing but the bench's sequences and the measured code has
 * run, so the figure is that code's alone. In the bench's own process both
 * run after the cold check, whose checkers, driver and broker leave the
 * shared helpers' call sites polymorphic, and are measured there too. Prints
 * one line of JSON: the Rate.
 *
 * @module
 */
import { configDefault } from "../spec/config.ts"
import { defaultSequences } from "./defaultSequences.ts"
import { lockstepRate, modelStepsRate } from "./rates.ts"

const kind = process.argv[2]
if (kind !== "model" && kind !== "lockstep") {
  process.stderr.write(`freshRate.ts: the first argument is model or lockstep, not ${JSON.stringify(kind)}\n`)
  process.exit(2)
}
const given = Number(process.argv[3] ?? 3)
const seconds = Number.isFinite(given) && given > 0 ? given : 3
const sequences = defaultSequences()
const rate = kind === "model" ? await modelStepsRate(configDefault, sequences, seconds) : await lockstepRate(configDefault, sequences, seconds)
process.stdout.write(`${JSON.stringify(rate)}\n`)
