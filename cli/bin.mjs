#!/usr/bin/env node
// The `qsem` executable: registers tsx's loader, then runs the TypeScript CLI.
import { register } from "tsx/esm/api"
register()
const { main } = await import("./main.ts")
process.exitCode = await main(process.argv.slice(2))
