#!/usr/bin/env node
// The `qsem` executable: registers tsx's loaders, then runs the TypeScript CLI.
// Both loaders: a `.ts` target in a project without "type": "module" is loaded
// as CommonJS, which needs tsx's require hook as well as its ESM loader.
import { register as registerCommonJs } from "tsx/cjs/api"
import { register } from "tsx/esm/api"
register()
registerCommonJs()
const { runAsProcess } = await import("./main.ts")
await runAsProcess()
