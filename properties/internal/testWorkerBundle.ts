/**
 * Test helper: a test's worker-thread entry module compiled ahead into one
 * file, so that each worker thread a test starts loads one file rather than
 * every source through tsx's loader (about 0.5 s rather than 2 to 3 s per
 * thread on 2 cores; the parallel tests start dozens).
 *
 * The bundle is built from the current sources each time a test file asks
 * for it (esbuild, as `npm run build` builds the CLI, whose own
 * worker threads run from its bundle), so it never runs stale code.
 *
 * @module
 */
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { build, type Plugin } from "esbuild"

const root = path.resolve(import.meta.dirname, "../..")

/**
 * The entries register tsx before they import TypeScript (a worker thread
 * does not inherit its parent's loader hooks); once bundled there is no
 * TypeScript left to load, so `register` does nothing.
 */
const tsxUnneeded: Plugin = {
  name: "tsx-unneeded",
  setup: (builder) => {
    builder.onResolve({ filter: /^tsx\/esm\/api$/ }, () => ({ path: "tsx-unneeded", namespace: "tsx-unneeded" }))
    builder.onLoad({ filter: /.*/, namespace: "tsx-unneeded" }, () => ({ contents: "export const register = () => {}", loader: "js" }))
  }
}

/**
 * Compiles `entry` and what it imports into tmp/test-workers/ (ignored by
 * git and outside the package's files, so `npm pack` never ships it; two
 * folders deep, as the CLI's bundle, so a module that finds the repository's
 * root from its own URL finds it from there too; packages stay external and
 * resolve from the repository's node_modules). The file is named by its
 * content and written by a rename, so test processes that build it at the
 * same time neither clash nor read half a file.
 */
const bundle = async (entry: URL): Promise<URL> => {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    write: false,
    logLevel: "warning",
    plugins: [tsxUnneeded]
  })
  const code = result.outputFiles[0].contents
  const name = path.basename(fileURLToPath(entry), ".mjs")
  const file = path.join(root, "tmp", "test-workers", `${name}-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`)
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const partial = `${file}.${process.pid}.partial`
    fs.writeFileSync(partial, code)
    fs.renameSync(partial, file)
    // Bundles of this entry from earlier sources are of no more use.
    for (const other of fs.readdirSync(path.dirname(file))) {
      if (other.startsWith(`${name}-`) && other.endsWith(".mjs") && other !== path.basename(file)) fs.rmSync(path.join(path.dirname(file), other), { force: true })
    }
  }
  return pathToFileURL(file)
}

/**
 * The URL of a worker entry module's bundle: `entry` (an `.mjs` file that
 * registers tsx and imports the sources) with everything it imports from
 * the repository compiled into one file. Built anew on each call (a test
 * file calls it once, before its tests), so a test re-run in watch mode
 * never starts worker threads on code older than its sources.
 */
export const bundledWorkerEntry = (entry: URL): Promise<URL> => bundle(entry)
