// Whether the `qsem` executable may run its compiled bundle: plain JavaScript,
// so the bin can ask before it loads tsx or any TypeScript.
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

/** The repository's (or the installed package's) root folder. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")

/**
 * The compiled CLI, built by `npm run build` (cli/internal/buildBundle.mjs).
 * It sits two folders deep, as cli/docs/semantics.ts does, so a module that
 * finds the package's root at `../..` from its own URL finds it from the bundle too.
 */
export const bundleFile = (root = packageRoot) => path.join(root, "dist", "cli", "qsem.mjs")

/** The sources the bundle was built from, each with the SHA-256 of the content it was built from. */
export const bundleInputsFile = (root = packageRoot) => path.join(root, "dist", "cli", "qsem.inputs.json")

/** SHA-256 (hex) of a file's bytes. */
export const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex")

/**
 * Why the bundle under `root` must not run, or `undefined` when it may: it
 * exists and every source it was built from still has the content it had
 * then (compared by SHA-256, not by modification time, so an edit, a
 * checkout or a copy that keeps old times cannot go unnoticed).
 */
export const bundleStaleReason = (root = packageRoot) => {
  if (!fs.existsSync(bundleFile(root))) return "no bundle (run npm run build)"
  let recorded
  try {
    recorded = JSON.parse(fs.readFileSync(bundleInputsFile(root), "utf8")).inputs
  } catch {
    return "no readable list of the bundle's inputs"
  }
  if (typeof recorded !== "object" || recorded === null || Object.keys(recorded).length === 0) return "an empty list of the bundle's inputs"
  for (const [input, digest] of Object.entries(recorded)) {
    let bytes
    try {
      bytes = fs.readFileSync(path.join(root, input))
    } catch {
      return `${input} is gone`
    }
    if (sha256(bytes) !== digest) return `${input} changed since the bundle was built`
  }
  return undefined
}
