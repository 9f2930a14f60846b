/**
 * `qsem docs`: writes `docs/semantics.md`, or with `--check` says whether the
 * committed file is stale.
 *
 * @module
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { generateSemantics } from "../docs/semantics.ts"
import { quoteInput } from "../../spec/internal/quoteInput.ts"
import { parseArgs } from "../args.ts"
import { UsageError } from "../usageError.ts"

/** Usage text of `qsem docs`. */
export const docsUsage = `qsem docs [--out FILE] [--check]
  Writes the semantics reference (default docs/semantics.md) from the guarantee catalogue and the model.
  With --check, writes nothing and exits 1 when the file differs from what would be generated.`

/** Runs `qsem docs`; returns the exit code. */
export const runDocs = async (argv: ReadonlyArray<string>, print: (line: string) => void): Promise<number> => {
  const args = parseArgs("docs", argv, { out: "string", check: "switch" })
  if (args.positionals.length > 0) throw new UsageError({ message: `unexpected argument ${quoteInput(args.positionals[0])} for 'qsem docs'` })
  const file = args.strings.get("out") ?? path.join("docs", "semantics.md")
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError({ message: `--out ${quoteInput(file)} is a directory, not a file` })
  const text = await generateSemantics()
  if (args.switches.has("check")) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined
    if (current === text) {
      print(`${file} is up to date`)
      return 0
    }
    print(`${file} is stale: run npm run docs and commit it`)
    return 1
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text)
  print(`wrote ${file}`)
  return 0
}
