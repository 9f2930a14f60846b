#!/usr/bin/env node
// The `qsem` executable. It runs the compiled bundle (dist/cli/qsem.mjs, built by
// `npm run build`, by `npm ci` and into every `npm pack`) when the bundle is fresh:
// every source it was built from still has the same content (SHA-256 of ~160 files,
// 8 to 15 ms; contents, not modification times, so no edit, checkout or copy slips
// through). Otherwise it runs the TypeScript sources through tsx, so an edited
// source always runs as edited, at tsx's speed until `npm run build`. The bundle
// registers tsx only before it imports a --target module (cli/internal/importTargetModule.ts).
import { pathToFileURL } from "node:url"
import { bundleFile, bundleStaleReason } from "./internal/bundleFresh.mjs"

/** One line for a CLI that cannot even load, most often because a dependency is not installed. */
const cannotStart = (error) => {
  const message = String(error instanceof Error ? error.message : error)
  const missing = /Cannot find (?:package|module) '([^']+)'/.exec(message)
  if (missing === null) return `qsem: cannot start: ${message.split("\n")[0]}`
  const name = missing[1].startsWith("@") ? missing[1].split("/").slice(0, 2).join("/") : missing[1].split("/")[0]
  const peer = name === "effect" ? ": effect is a peer dependency of qsem, install it in your project (npm install effect@^4.1.0)" : ` (npm install ${name})`
  return `qsem: cannot start: package "${name}" is not installed${peer}`
}

/** The sources, with tsx's ESM loader and (for a `.ts` target in a CommonJS project) its require hook. */
const loadSources = async () => {
  const [{ register }, { register: registerCommonJs }] = await Promise.all([import("tsx/esm/api"), import("tsx/cjs/api")])
  register()
  registerCommonJs()
  return import("./main.ts")
}

let cli
try {
  cli = bundleStaleReason() === undefined ? await import(pathToFileURL(bundleFile()).href) : await loadSources()
} catch (error) {
  process.stderr.write(`${cannotStart(error)}\n`)
  process.exit(2)
}
await cli.runAsProcess()
