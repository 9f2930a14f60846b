#!/usr/bin/env node
// The `qsem` executable: registers tsx's loaders, then runs the TypeScript CLI.
// Both loaders: a `.ts` target in a project without "type": "module" is loaded
// as CommonJS, which needs tsx's require hook as well as its ESM loader.
import { register as registerCommonJs } from "tsx/cjs/api"
import { register } from "tsx/esm/api"
register()
registerCommonJs()

/** One line for a CLI that cannot even load, most often because a dependency is not installed. */
const cannotStart = (error) => {
  const message = String(error instanceof Error ? error.message : error)
  const missing = /Cannot find (?:package|module) '([^']+)'/.exec(message)
  if (missing === null) return `qsem: cannot start: ${message.split("\n")[0]}`
  const name = missing[1].startsWith("@") ? missing[1].split("/").slice(0, 2).join("/") : missing[1].split("/")[0]
  const peer = name === "effect" ? ": effect is a peer dependency of qsem, install it in your project (npm install effect@^4.1.0)" : ` (npm install ${name})`
  return `qsem: cannot start: package "${name}" is not installed${peer}`
}

let cli
try {
  cli = await import("./main.ts")
} catch (error) {
  process.stderr.write(`${cannotStart(error)}\n`)
  process.exit(2)
}
await cli.runAsProcess()
