/**
 * The parallel figures (`parallel.ts`) in a process of its own, which
 * `npm run bench` starts last: in the bench's own process, the figures
 * before leave the shared code's call sites polymorphic, which slows the
 * one-thread check and not the worker threads (each a fresh isolate), so
 * the ratio would flatter the threads. Takes the calibration's seconds (so
 * the figures are also given per calibration) and prints the lines.
 *
 * @module
 */
import { configDefault } from "../spec/config.ts"
import { calibrationSet } from "./measure.ts"
import { benchParallel } from "./parallel.ts"

const calibrationSeconds = Number(process.argv[2])
if (Number.isFinite(calibrationSeconds) && calibrationSeconds > 0) calibrationSet(calibrationSeconds)
await benchParallel(configDefault)
