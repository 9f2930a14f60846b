/**
 * Writes `traces/mutants/<mutant>.json`: for each mutant, the shrunk
 * counterexample of the first guarantee the catalogue says it breaks.
 * Run with `npx tsx properties/suite/writeMutantTraces.ts`.
 *
 * @module
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { catalogue } from "../../spec/catalogue.ts"
import { mutants } from "../../impl/index.ts"
import { checkTarget } from "../check/checkTarget.ts"
import { encodeTraceText } from "../trace/traceFile.ts"
import { mutantConfigOf, mutantRunsMax, mutantSeed } from "./mutantSeeds.ts"

const directory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../traces/mutants")

const main = async () => {
  fs.mkdirSync(directory, { recursive: true })
  for (const mutant of mutants) {
    const name = mutant.name.replace(/^mutant:/, "")
    const guarantee = catalogue.find((g) => g.mutants.includes(name))
    if (guarantee === undefined) throw new Error(`no guarantee in the catalogue names mutant ${name}`)
    const report = await checkTarget({
      target: mutant,
      config: mutantConfigOf(name),
      runs: mutantRunsMax,
      seed: mutantSeed,
      guarantees: [guarantee.id],
      conformance: false
    })
    if (report.failure === undefined) throw new Error(`${mutant.name} was not caught on ${guarantee.id}`)
    const file = path.join(directory, `${name}.json`)
    fs.writeFileSync(file, encodeTraceText(report.failure))
    console.log(`${file}: ${guarantee.id}, ${report.failure.commands.length} commands`)
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`writeMutantTraces: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
