/**
 * A `qsem explore --workers N` worker thread: explores the same tree as the
 * main thread and judges the ranges of its states' paths it is sent.
 *
 * @module
 */
import { serveJudgeWorker } from "../../properties/explore/parallel/judgeWorkerMain.ts"

/** Serves the main thread's ranges of explored states until it says stop. */
export const runExploreWorker = async (): Promise<void> => serveJudgeWorker()
