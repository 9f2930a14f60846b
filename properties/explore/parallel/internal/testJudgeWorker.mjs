// The entry of the judging worker threads that the explorer's tests start: the sources through tsx (a worker
// thread does not inherit the loader hooks of the thread that started it), then judgeWorkerMain.ts.
import { register } from "tsx/esm/api"

register()
const { serveJudgeWorker } = await import("../judgeWorkerMain.ts")
serveJudgeWorker()
