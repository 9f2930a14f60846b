// The entry of the worker threads that the parallel check's tests start: the sources through tsx (a worker
// thread does not inherit the loader hooks of the thread that started it), then testWorkerMain.ts.
import { register } from "tsx/esm/api"

register()
const { runTestWorker } = await import("./testWorkerMain.ts")
await runTestWorker()
