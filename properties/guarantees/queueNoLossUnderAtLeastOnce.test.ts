import { describe, expect, it } from "vitest"
import { configDefault, guaranteeById, type Config } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { boundedQueueTestConfig } from "./internal/boundedQueueTestConfig.ts"
import { HistoryBuilder, queueEntry } from "./internal/historyBuilder.ts"
import { queueTestConfig as config } from "./internal/queueTestConfig.ts"
import { queueNoLossUnderAtLeastOnce as check } from "./queueNoLossUnderAtLeastOnce.ts"

/** The drain's listings of every queue, all empty but `jobs-dlq`'s, which holds `deadLetters`. */
const listAll = (b: HistoryBuilder, deadLetters: ReadonlyArray<number> = []) =>
  b
    .queueListed("jobs")
    .queueListed("jobs-dlq", deadLetters.map((messageId) => queueEntry(messageId, { receiveCount: 2, source: "jobs" })))
    .queueListed("emails")
    .queueListed("orders.fifo")
    .queueListed("orders-dlq.fifo")

/** Message 0 of jobs: a receives it and crashes; once its visibility ran out, b receives, processes and deletes it. */
const crashedThenProcessed = () =>
  new HistoryBuilder()
    .queueSend("jobs")
    .queueReceive("jobs", "a", [0])
    .queueCrash("jobs", "a", [0])
    .advance(1000, 1000)
    .queueReceive("jobs", "drainer", [0])
    .queueProcess("jobs", "drainer", 1)
    .queueAck("jobs", "drainer", 1)
    .queueReceive("jobs", "drainer", [], { messagesMax: 10 })

describe("QueueNoLossUnderAtLeastOnce", () => {
  it("holds and is witnessed when a crashed consumer's message is received again and processed", () => {
    const b = listAll(crashedThenProcessed())
    expect(check.undrainedOf?.(b.history, config)).toEqual(new Map())
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("does not witness a redelivery after a release", () => {
    const b = listAll(
      new HistoryBuilder()
        .queueSend("jobs")
        .queueReceive("jobs", "a", [0])
        .queueRelease("jobs", "a", 0)
        .queueReceive("jobs", "b", [0])
        .queueProcess("jobs", "b", 1)
        .queueAck("jobs", "b", 1)
    )
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(false)
  })

  it("is violated when a receive deletes: a message never processed nor in the dead-letter queue after the drain", () => {
    const b = listAll(new HistoryBuilder().queueSend("jobs").queueReceive("jobs", "a", [0]).queueCrash("jobs", "a", [0]).advance(1000, 1000))
    expect(check.undrainedOf?.(b.history, config)).toEqual(new Map())
    expect(check.always(b.history, config)).toEqual({
      step: 8,
      message: "at-least-once queue jobs enqueued message 0 at step 1, but no QueueProcessed names it by the end of the history and the final listing of jobs-dlq does not hold it: its last receive was receipt 0 (consumer a, at 0 ms) from jobs, and it is in jobs"
    })
  })

  it("holds for a message that sits in the dead-letter queue, and is violated when the move dropped it", () => {
    const moved = () =>
      new HistoryBuilder()
        .queueSend("jobs")
        .queueReceive("jobs", "a", [0])
        .advance(1000, 1000)
        .queueReceive("jobs", "a", [0])
        .advanceDeadLettering(1000, 2000, [{ queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }])
    expect(check.always(listAll(moved(), [0]).history, config)).toBeUndefined()
    expect(check.always(listAll(moved()).history, config)?.message).toBe(
      "at-least-once queue jobs enqueued message 0 at step 1, but no QueueProcessed names it by the end of the history and the final listing of jobs-dlq does not hold it: its last receive was receipt 1 (consumer a, at 1000 ms) from jobs, and it is in jobs-dlq"
    )
  })

  it("judges only at-least-once queues that are no dead-letter queue", () => {
    const b = listAll(new HistoryBuilder().queueSend("emails").queueSend("jobs-dlq").queueReceive("emails", "a", [0]).queueAck("emails", "a", 0))
    expect(check.always(b.history, config)).toBeUndefined()
  })

  it("leaves out a message deleted from an at-most-once dead-letter queue (its consumers acknowledge first)", () => {
    const atMostOnceDlq: Config = {
      ...config,
      queues: config.queues!.map((queue) => (queue.name === "jobs-dlq" ? { ...queue, mode: "at-most-once" as const } : queue))
    }
    const b = listAll(
      new HistoryBuilder()
        .queueSend("jobs")
        .queueReceive("jobs", "a", [0])
        .advance(1000, 1000)
        .queueReceive("jobs", "a", [0])
        .advanceDeadLettering(1000, 2000, [{ queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }])
        .queueReceive("jobs-dlq", "x", [0])
        .queueAck("jobs-dlq", "x", 2)
    )
    expect(check.always(b.history, atMostOnceDlq)).toBeUndefined()
    expect(check.always(b.history, config)?.message).toBe(
      "at-least-once queue jobs enqueued message 0 at step 1, but no QueueProcessed names it by the end of the history and the final listing of jobs-dlq does not hold it: receipt 2 of consumer x deleted it from jobs-dlq at step 7"
    )
  })

  it("leaves out a message an Enqueued names as dropped by a bound, and judges the rest", () => {
    const dropped = () =>
      new HistoryBuilder()
        .queueSend("oldest")
        .queueSend("oldest")
        .queueSend("oldest", { dropped: 0 })
        .queueSend("newest.fifo", { group: "g" })
        .queueSend("newest.fifo", { group: "g" })
        .queueSend("newest.fifo", { group: "g", dropped: 5 })
        .queueReceive("oldest", "drainer", [1, 2])
        .queueProcess("oldest", "drainer", 0)
        .queueAck("oldest", "drainer", 0)
        .queueReceive("newest.fifo", "drainer", [3])
        .queueProcess("newest.fifo", "drainer", 2)
        .queueAck("newest.fifo", "drainer", 2)
        .queueReceive("newest.fifo", "drainer", [4])
        .queueProcess("newest.fifo", "drainer", 3)
        .queueAck("newest.fifo", "drainer", 3)
    const drained = dropped().queueProcess("oldest", "drainer", 1).queueAck("oldest", "drainer", 1).queueListed("oldest").queueListed("newest.fifo")
    expect(check.undrainedOf?.(drained.history, boundedQueueTestConfig).has("oldest")).toBe(false)
    expect(check.undrainedOf?.(drained.history, boundedQueueTestConfig).has("newest.fifo")).toBe(false)
    expect(check.always(drained.history, boundedQueueTestConfig)).toBeUndefined()
    const lost = dropped().queueAck("oldest", "drainer", 1).queueListed("oldest").queueListed("newest.fifo")
    expect(check.always(lost.history, boundedQueueTestConfig)?.message).toBe(
      "at-least-once queue oldest enqueued message 2 at step 3, but no QueueProcessed names it by the end of the history: receipt 1 of consumer drainer deleted it from oldest at step 16"
    )
  })

  it("does not judge a queue whose drain is not shown, and says why", () => {
    const unlisted = new HistoryBuilder().queueSend("jobs")
    expect(check.undrainedOf?.(unlisted.history, config)).toEqual(
      new Map([
        ["jobs", "no ObserverQueue lists jobs after its last change (step 1)"],
        ["orders.fifo", "no ObserverQueue lists orders.fifo"]
      ])
    )
    expect(check.always(unlisted.history, config)).toBeUndefined()
    const notEmpty = listAll(new HistoryBuilder().queueSend("jobs")).entry(
      { _tag: "ObserverQueue", queue: "jobs" },
      { _tag: "QueueListed", queue: "jobs", messages: [queueEntry(0)], remembered: [] }
    )
    expect(check.undrainedOf?.(notEmpty.history, config).get("jobs")).toBe("the last listing of jobs (step 7) still holds message 0")
    expect(check.always(notEmpty.history, config)).toBeUndefined()
    const dlqStale = new HistoryBuilder().queueListed("jobs-dlq").queueSend("jobs").queueListed("jobs").queueSend("jobs-dlq").queueListed("orders.fifo").queueListed("orders-dlq.fifo")
    expect(check.undrainedOf?.(dlqStale.history, config).get("jobs")).toBe(
      "no ObserverQueue lists jobs-dlq (jobs's dead-letter queue) after its last change (step 4)"
    )
  })

  it("is n/a without an at-least-once queue that is no dead-letter queue", () => {
    expect(notApplicableReasonOf(guaranteeById(check.id), check, config)).toBeUndefined()
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configDefault)).toBe("needs an at-least-once queue; the config has none")
    const onlyAtMostOnce: Config = { ...config, queues: config.queues!.filter((queue) => queue.name === "emails") }
    expect(notApplicableReasonOf(guaranteeById(check.id), check, onlyAtMostOnce)).toBe("needs an at-least-once queue; the config has none")
    const dlqOnly: Config = {
      ...config,
      queues: [
        { name: "emails", mode: "at-most-once", visibilityTimeoutMs: 500, receiveCountMax: 1, deadLetterQueue: "dead" },
        { name: "dead", mode: "at-least-once", visibilityTimeoutMs: 500 }
      ]
    }
    expect(notApplicableReasonOf(guaranteeById(check.id), check, dlqOnly)).toBe(
      "needs an at-least-once queue that is no queue's dead-letter queue; the config's at-least-once queues are all dead-letter queues"
    )
  })
})
