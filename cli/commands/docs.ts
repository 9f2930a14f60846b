/**
 * `qsem docs`: writes `docs/semantics.md`, or with `--check` says whether the
 * committed file is stale.
 *
 * @module
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Result } from "effect"
import { readRegularFile } from "../../properties/internal/readRegularFile.ts"
import { generateSemantics } from "../docs/semantics.ts"
import { quoteInput } from "../../spec/internal/quoteInput.ts"
import { parseArgs } from "../args.ts"
import { fileErrorReason } from "../internal/fileErrorReason.ts"
import { kernelRootOf } from "../internal/kernelPaths.ts"
import { UsageError } from "../usageError.ts"

export { docsUsage } from "./docsUsage.ts"

/** Creates `file`'s directory and opens the file for appending (creating it empty if missing), or throws the one-line usage error of a path that cannot be written. */
const writable = (file: string): void => {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.closeSync(fs.openSync(file, "a"))
  } catch (error) {
    throw new UsageError({ message: `cannot write --out ${quoteInput(file)}: ${fileErrorReason(error)}` })
  }
}

/** Runs `qsem docs`; returns the exit code. */
export const runDocs = async (argv: ReadonlyArray<string>, print: (line: string) => void): Promise<number> => {
  const args = parseArgs("docs", argv, { out: "string", check: "switch" })
  if (args.positionals.length > 0) throw new UsageError({ message: `unexpected argument ${quoteInput(args.positionals[0])} for 'qsem docs'` })
  const file = args.strings.get("out") ?? path.join("docs", "semantics.md")
  const kernelRoot = kernelRootOf(file)
  if (kernelRoot !== undefined) {
    throw new UsageError({ message: `--out ${quoteInput(file)} is under ${kernelRoot}: the docs are not written into a kernel file system` })
  }
  let existing: fs.Stats | undefined
  try {
    existing = fs.statSync(file, { throwIfNoEntry: false })
  } catch (error) {
    throw new UsageError({ message: `--out ${quoteInput(file)} cannot be used: ${fileErrorReason(error)}` })
  }
  if (existing?.isDirectory() === true) throw new UsageError({ message: `--out ${quoteInput(file)} is a directory, not a file` })
  if (existing !== undefined && !existing.isFile()) {
    throw new UsageError({ message: `--out ${quoteInput(file)} is not a regular file (a pipe or a device?)` })
  }
  // Writing: make sure the file can be written before the (slow) generation, so a bad path fails at once.
  if (!args.switches.has("check")) writable(file)
  const text = await generateSemantics()
  if (args.switches.has("check")) {
    const read = existing === undefined ? undefined : readRegularFile(file)
    if (read !== undefined && Result.isFailure(read)) throw new UsageError({ message: `cannot read ${quoteInput(file)}: ${read.failure}` })
    const current = read?.success
    if (current === text) {
      print(`${file} is up to date`)
      return 0
    }
    print(`${file} is stale: run npm run docs and commit it`)
    return 1
  }
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, text)
  } catch (error) {
    throw new UsageError({ message: `cannot write --out ${quoteInput(file)}: ${fileErrorReason(error)}` })
  }
  print(`wrote ${file}`)
  return 0
}
