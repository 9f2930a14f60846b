#!/usr/bin/env node
// The `qsem` executable: registers tsx's loader, then runs the TypeScript CLI.
import { register } from "tsx/esm/api"
register()
const { runAsProcess } = await import("./main.ts")
await runAsProcess()
