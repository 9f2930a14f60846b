/**
 * The model's steps per second in a process of its own (`npm run bench`
 * starts it): nothing but the bench's sequences and the model has run, so
 * the figure is the model's alone. In the bench's own process the model runs
 * after the cold check, whose checkers, driver and broker leave the shared
 * helpers' call sites polymorphic, and is measured there too. Prints one line
 * of JSON: the Rate.
 *
 * @module
 */
import { configDefault } from "../spec/config.ts"
import { defaultSequences } from "./defaultSequences.ts"
import { modelStepsRate } from "./rates.ts"

const seconds = Number(process.argv[2] ?? 3)
const rate = await modelStepsRate(configDefault, defaultSequences(), Number.isFinite(seconds) && seconds > 0 ? seconds : 3)
process.stdout.write(`${JSON.stringify(rate)}\n`)
