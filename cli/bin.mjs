#!/usr/bin/env node
// The `qsem` executable: registers tsx's loader, then runs the TypeScript CLI.
import { register } from "tsx/esm/api"
register()
const { main, exitQuietlyOnClosedPipe } = await import("./main.ts")
exitQuietlyOnClosedPipe()
process.exitCode = await main(process.argv.slice(2))
