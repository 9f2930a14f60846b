/**
 * `qsem brokers`: the real brokers' matrix (see cli/brokers/matrix.ts).
 *
 * @module
 */
import * as fs from "node:fs"
import * as path from "node:path"
import * as Schema from "effect/Schema"
import { brokerEntries } from "../../brokers/index.ts"
import type { BrokerTarget } from "../../brokers/brokerTarget.ts"
import { quoteInput } from "../../spec/internal/quoteInput.ts"
import { parseArgs } from "../args.ts"
import { countIn } from "../countFlags.ts"
import { fileURLToPath } from "node:url"
import { parseSeed } from "../seed.ts"
import { UsageError } from "../usageError.ts"
import { prepareBroker } from "../brokerTargets.ts"
import { checkBrokerRow, resultsText } from "../brokers/matrix.ts"
import { BrokerResults, type BrokerRow, brokerResultsFile } from "../brokers/results.ts"

export { brokersUsage } from "./brokersUsage.ts"

/** The package root: `../..` from this module, from its source as from the bundle in dist/cli/. */
const packageRoot = fileURLToPath(new URL("../..", import.meta.url))

/** Every `broker:setting` target, in matrix order. */
const allTargets = (): ReadonlyArray<string> => brokerEntries.flatMap((entry) => entry.settings.map((setting) => `${entry.name}:${setting}`))

/** The targets `--only` names (a broker name stands for all its settings); throws {@link UsageError} for an unknown one. */
const selectedTargets = (only: string | undefined): ReadonlyArray<string> => {
  const all = allTargets()
  if (only === undefined) return all
  const chosen = new Set<string>()
  for (const name of only.split(",").map((part) => part.trim()).filter((part) => part !== "")) {
    const matches = all.filter((target) => target === name || target.startsWith(`${name}:`))
    if (matches.length === 0) throw new UsageError({ message: `--only: unknown broker target ${quoteInput(name)} (known: ${all.join(", ")})` })
    for (const target of matches) chosen.add(target)
  }
  return all.filter((target) => chosen.has(target))
}

/** The rows of the results file as committed, or none. */
const rowsCommitted = (file: string): ReadonlyArray<BrokerRow> => {
  if (!fs.existsSync(file)) return []
  try {
    return Schema.decodeUnknownSync(BrokerResults)(JSON.parse(fs.readFileSync(file, "utf8"))).rows
  } catch {
    // A results file of an older shape: its rows are checked again.
    return []
  }
}

/** Runs `qsem brokers`; returns the exit code (0 once the file is written: a violation is a finding, not a failure). */
export const runBrokers = async (argv: ReadonlyArray<string>, print: (line: string) => void): Promise<number> => {
  const args = parseArgs("brokers", argv, { only: "string", runs: "count", seed: "string" })
  if (args.positionals.length > 0) throw new UsageError({ message: `unexpected argument ${quoteInput(args.positionals[0])} for 'qsem brokers'` })
  const runs = countIn("--runs", args.counts.get("runs") ?? 20, 1, 10_000)
  const seed = args.strings.has("seed") ? parseSeed(args.strings.get("seed") as string) : 1
  const targets = selectedTargets(args.strings.get("only"))
  const file = path.join(packageRoot, brokerResultsFile)
  const rows = new Map(rowsCommitted(file).map((row) => [row.target, row]))
  for (const name of targets) {
    const [entryName, setting] = name.split(":")
    const target: BrokerTarget = brokerEntries.find((entry) => entry.name === entryName)!.make(setting)
    print(`${name}: starting ${target.profile.server}`)
    await prepareBroker(target)
    try {
      rows.set(name, await checkBrokerRow(target, { runs, seed, root: packageRoot, onLine: print }))
    } finally {
      await target.close()
    }
  }
  const ordered = allTargets().map((name) => rows.get(name)).filter((row) => row !== undefined)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, resultsText(ordered))
  print(`wrote ${brokerResultsFile} (${ordered.length} rows); render it with npm run docs`)
  return 0
}
