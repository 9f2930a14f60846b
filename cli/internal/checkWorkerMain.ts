/**
 * A `qsem check --workers N` worker thread, with the CLI's target resolver
 * (properties/ cannot import it: it belongs to the CLI).
 *
 * @module
 */
import { serveCheckWorker } from "../../properties/check/parallel/workerMain.ts"
import { resolveTarget } from "../targets.ts"

/** Serves the main thread's chunks of exploring runs until it says stop. */
export const runCheckWorker = (): Promise<void> => serveCheckWorker(resolveTarget)
