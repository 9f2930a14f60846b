// The entry of the worker threads that the explorer's tests start (search and judging workers alike): the
// sources through tsx (a worker thread does not inherit the loader hooks of the thread that started it), then
// exploreWorkerMain.ts.
import { register } from "tsx/esm/api"

register()
const { serveExploreWorker } = await import("../exploreWorkerMain.ts")
serveExploreWorker()
