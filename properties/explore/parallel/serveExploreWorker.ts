/**
 * The one entry of an exploration's worker threads: a search worker
 * (`searchWorkerMain.ts`) when its `workerData` says `Search`, else a
 * judging worker (`judgeWorkerMain.ts`). `exploreOnThreads` starts both
 * kinds from the same entry module.
 *
 * @module
 */
import { workerData } from "node:worker_threads"
import { serveJudgeWorker } from "./judgeWorkerMain.ts"
import { serveSearchWorker } from "./searchWorkerMain.ts"

/** Serves the main thread as the kind of worker its `workerData` asks for, until it says stop. */
export const serveExploreWorker = (): void =>
  (workerData as { readonly _tag?: unknown } | null)?._tag === "Search" ? serveSearchWorker() : serveJudgeWorker()
