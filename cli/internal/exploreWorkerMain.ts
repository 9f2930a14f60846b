/**
 * A `qsem explore --workers N` worker thread: a search worker (it keeps a
 * copy of the main thread's tree and expands the ranges of each level's
 * frontier it is sent) or a judging worker (it judges the ranges of the
 * explored states' paths it is sent), as its `workerData` says.
 *
 * @module
 */
import { serveExploreWorker } from "../../properties/explore/parallel/exploreWorkerMain.ts"

/** Serves the main thread's ranges until it says stop. */
export const runExploreWorker = async (): Promise<void> => serveExploreWorker()
