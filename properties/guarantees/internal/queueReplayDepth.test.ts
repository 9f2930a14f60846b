import { describe, expect, it } from "vitest"
import type { Config, History } from "../../../spec/index.ts"
import { boundedQueueTestConfig } from "./boundedQueueTestConfig.ts"
import { HistoryBuilder } from "./historyBuilder.ts"
import { QueueReplay } from "./queueReplay.ts"
import { queueTestConfig } from "./queueTestConfig.ts"

/** The replay's visible depth of each queue before each step, and after the last. */
const depthsOf = (history: History, config: Config, queues: ReadonlyArray<string>): ReadonlyArray<ReadonlyArray<number>> => {
  const replay = new QueueReplay(config)
  const depths: Array<ReadonlyArray<number>> = []
  for (const moment of replay.walk(history)) if (moment.index === 0) depths.push(queues.map((queue) => replay.visibleDepth(queue)))
  depths.push(queues.map((queue) => replay.visibleDepth(queue)))
  return depths
}

describe("QueueReplay's visible depth", () => {
  it("counts visible messages only: sends add, receives hide until the visibility ends, deletions and moves take away, redrives give back", () => {
    const b = new HistoryBuilder()
      .queueSend("jobs")
      .queueSend("jobs")
      .queueReceive("jobs", "a", [0])
      .queueAck("jobs", "a", 0)
      .queueReceive("jobs", "a", [1])
      .advance(1000, 1000)
      .queueReceive("jobs", "a", [1])
      .advanceDeadLettering(1000, 2000, [{ queue: "jobs", messageId: 1, deadLetterQueue: "jobs-dlq" }])
      .queueRedrive("jobs-dlq", [{ messageId: 1, source: "jobs" }])
    expect(depthsOf(b.history, queueTestConfig, ["jobs", "jobs-dlq"])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [1, 0],
      [1, 0],
      [0, 0],
      [1, 0],
      [0, 0],
      [0, 1],
      [1, 0]
    ])
  })

  it("follows extensions and releases, and ends visibilities as the clock passes them", () => {
    const b = new HistoryBuilder()
      .queueSend("jobs")
      .queueSend("jobs")
      .queueReceive("jobs", "a", [0, 1])
      .queueExtend("jobs", "a", 0, 5000, 5000)
      .queueExtend("jobs", "a", 1, 200, 200)
      .advance(200, 200)
      .queueReceive("jobs", "b", [1])
      .queueRelease("jobs", "b", 2)
      .advance(4799, 4999)
      .advance(1, 5000)
    expect(depthsOf(b.history, queueTestConfig, ["jobs"]).map(([depth]) => depth)).toEqual([0, 1, 2, 0, 0, 0, 1, 0, 1, 1, 2])
  })

  it("takes a message drop-oldest dropped out of its queue, and never puts in one drop-newest dropped", () => {
    const b = new HistoryBuilder()
      .queueSend("oldest")
      .queueSend("oldest")
      .queueSend("oldest", { dropped: 0 })
      .queueSend("newest.fifo", { group: "g" })
      .queueSend("newest.fifo", { group: "g" })
      .queueSend("newest.fifo", { group: "g", dropped: 5 })
    const replay = new QueueReplay(boundedQueueTestConfig).run(b.history)
    expect([...replay.visibleOf("oldest")].map((message) => message.messageId)).toEqual([1, 2])
    expect([...replay.visibleOf("newest.fifo")].map((message) => message.messageId)).toEqual([3, 4])
    expect(replay.messages.get(0)?.dropped).toEqual({ messageId: 0, queue: "oldest", step: 2, nowMs: 0, sentId: 2, own: false })
    expect(replay.drops.get(5)).toEqual({ messageId: 5, queue: "newest.fifo", step: 5, nowMs: 0, sentId: 5, own: true })
    expect(replay.messages.has(5)).toBe(false)
    expect(replay.changedLast.get("oldest")).toBe(2)
  })
})
