/**
 * Checking `qsem check --traces DIR` before any run, so a directory that can
 * never hold the counterexample is said in one line at once instead of as an
 * unexpected error after the whole check.
 *
 * @module
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { quoteInput } from "../../spec/internal/quoteInput.ts"
import { UsageError } from "../usageError.ts"
import { fileErrorReason } from "./fileErrorReason.ts"
import { kernelRootsRefused, nearestExisting, refusedRootOf } from "./kernelPaths.ts"

/** Writes and removes a probe file in `directory`: the check's own way to learn it can save a trace there. */
const probeWritable = (directory: string): void => {
  const probe = path.join(directory, `.qsem-probe-${process.pid}`)
  fs.writeFileSync(probe, "", { flag: "wx" })
  fs.rmSync(probe)
}

/** Removes a directory this check created; one that something else wrote into meanwhile is left as it is. */
const removeIfEmpty = (directory: string): void => {
  try {
    fs.rmdirSync(directory)
  } catch {
    // ENOTEMPTY: not ours alone any more.
  }
}

/**
 * Makes sure a trace can be saved into `directory`, or throws
 * {@link UsageError} with one line: a path under {@link kernelRootsRefused}
 * (also through a symbolic link), an existing non-directory, a path under a
 * file, a directory that cannot be created or written into (read-only,
 * no permission) are refused before any run.
 *
 * It creates a missing directory and writes a probe file to learn whether it
 * can, then removes the probe and every directory it created, so a check that
 * finds nothing leaves nothing behind; the trace is written (and the
 * directory created again) only when a run fails.
 */
export const ensureTracesDirectoryWritable = (directory: string): void => {
  const shown = quoteInput(directory)
  const refuse = (why: string): never => {
    throw new UsageError({ message: `--traces ${shown} ${why}` })
  }
  const resolved = path.resolve(directory)
  const rootAsGiven = refusedRootOf(resolved)
  if (rootAsGiven !== undefined) refuse(`is under ${rootAsGiven}: traces are not saved into a kernel file system`)
  let existing: { readonly file: string; readonly stats: fs.Stats }
  let real: string
  try {
    existing = nearestExisting(resolved)
    real = fs.realpathSync(existing.file)
  } catch (error) {
    return refuse(`cannot be used: ${fileErrorReason(error)}`)
  }
  const rootReal = refusedRootOf(real)
  if (rootReal !== undefined) refuse(`leads under ${rootReal} through a symbolic link: traces are not saved into a kernel file system`)
  if (!existing.stats.isDirectory()) {
    refuse(existing.file === resolved ? "is not a directory" : `is under ${quoteInput(existing.file)}, which is not a directory`)
  }
  const missing: Array<string> = []
  for (let file = resolved; file !== existing.file; file = path.dirname(file)) missing.unshift(file)
  const created: Array<string> = []
  try {
    for (const file of missing) {
      fs.mkdirSync(file)
      created.push(file)
    }
    probeWritable(resolved)
  } catch (error) {
    return refuse(`${created.length < missing.length ? "cannot be created" : "cannot be written into"}: ${fileErrorReason(error)}`)
  } finally {
    for (const file of created.reverse()) removeIfEmpty(file)
  }
}
