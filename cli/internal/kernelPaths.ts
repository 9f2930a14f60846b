/**
 * Paths qsem never writes into (the kernel file systems), and how to tell
 * whether a path leads under one, as given or through a symbolic link.
 *
 * @internal
 * @module
 */
import * as fs from "node:fs"
import * as path from "node:path"

/**
 * Kernel file systems where neither a trace nor the docs belong; `mkdir -p`
 * under `/proc` even loops forever in Node, so paths under them are refused
 * without touching them.
 */
export const kernelRootsRefused: ReadonlyArray<string> = ["/proc", "/sys", "/dev"]

const isUnder = (file: string, root: string): boolean => file === root || file.startsWith(`${root}/`)

/** The one of {@link kernelRootsRefused} that `file` (absolute) is under, if any. */
export const refusedRootOf = (file: string): string | undefined => kernelRootsRefused.find((root) => isUnder(file, root))

/** The nearest ancestor of `file` (itself included) that exists, with its stats. */
export const nearestExisting = (file: string): { readonly file: string; readonly stats: fs.Stats } => {
  for (let current = file; ; current = path.dirname(current)) {
    try {
      return { file: current, stats: fs.statSync(current) }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if ((code !== "ENOENT" && code !== "ENOTDIR") || current === path.dirname(current)) throw error
    }
  }
}

/**
 * The kernel file system (one of {@link kernelRootsRefused}) that `file`
 * would be written into, as given or through a symbolic link of its nearest
 * existing ancestor, or `undefined`. Never creates anything (under `/proc`,
 * `mkdir -p` loops forever) and never throws.
 */
export const kernelRootOf = (file: string): string | undefined => {
  const resolved = path.resolve(file)
  const asGiven = refusedRootOf(resolved)
  if (asGiven !== undefined) return asGiven
  try {
    return refusedRootOf(fs.realpathSync(nearestExisting(resolved).file))
  } catch {
    return undefined
  }
}
