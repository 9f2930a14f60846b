import { describe, expect, it } from "vitest"
import { configDefault, guaranteeById } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { HistoryBuilder, queueEntry } from "./internal/historyBuilder.ts"
import { queueTestConfig as config } from "./internal/queueTestConfig.ts"
import { redriveReturnsDeadLetters as check } from "./redriveReturnsDeadLetters.ts"

/** Message 0 of jobs is received twice (receipts 0, 1) and moved to jobs-dlq at 2000 ms. */
const deadLettered = () =>
  new HistoryBuilder()
    .queueSend("jobs")
    .queueReceive("jobs", "a", [0])
    .advance(1000, 1000)
    .queueReceive("jobs", "a", [0])
    .advanceDeadLettering(1000, 2000, [{ queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }])

describe("RedriveReturnsDeadLetters", () => {
  it("holds and is witnessed when a redriven message is received from its source with receive count 1", () => {
    const b = deadLettered()
      .queueListed("jobs-dlq", [queueEntry(0, { receiveCount: 2, receipt: 1, source: "jobs" })])
      .queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }])
      .queueListed("jobs-dlq")
      .queueReceive("jobs", "b", [0])
    expect(b.history.at(-1)?.response).toMatchObject({ messages: [{ messageId: 0, receipt: 2, receiveCount: 1 }] })
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("on a config with an inspected dead-letter queue, is witnessed only by a redriven message an inspector had released there", () => {
    const inspected = { ...config, queues: (config.queues ?? []).map((queue) => (queue.name === "jobs-dlq" ? { ...queue, inspected: true } : queue)) }
    const untouched = deadLettered().queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }]).queueReceive("jobs", "b", [0])
    expect(check.always(untouched.history, inspected)).toBeUndefined()
    expect(check.sometimes(untouched.history, config)).toBe(true)
    expect(check.sometimes(untouched.history, inspected)).toBe(false)
    const triaged = deadLettered()
      .queueReceive("jobs-dlq", "d", [0])
      .queueRelease("jobs-dlq", "d", 2)
      .queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }])
      .queueReceive("jobs", "b", [0])
    expect(check.always(triaged.history, inspected)).toBeUndefined()
    expect(check.sometimes(triaged.history, inspected)).toBe(true)
  })

  it("is violated by a redrive that keeps the receive count", () => {
    const b = deadLettered().queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }]).queueReceive("jobs", "b", [0], { counts: [3] })
    expect(check.always(b.history, config)).toEqual({
      step: 6,
      message: "message 0 was redriven to jobs at step 6, but its next receive (receipt 2, consumer b, at 2000 ms) reports receive count 3, not 1"
    })
  })

  it("is violated by a redriven message received next from another queue", () => {
    const b = deadLettered().queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }]).queueReceive("jobs-dlq", "b", [0], { counts: [1] })
    expect(check.always(b.history, config)?.message).toBe(
      "message 0 was redriven to jobs at step 6, but its next receive (receipt 2, consumer b, at 2000 ms) is from jobs-dlq"
    )
  })

  it("is violated by a redrive that leaves out a message moved there, or lists them out of queue order (mutant:redrive-partial)", () => {
    // Messages 0 and 1 of jobs are received twice and moved to jobs-dlq at 2000 ms; message 2 is sent to jobs-dlq itself.
    const both = () =>
      new HistoryBuilder()
        .queueSend("jobs")
        .queueSend("jobs")
        .queueReceive("jobs", "a", [0, 1])
        .advance(1000, 1000)
        .queueReceive("jobs", "a", [0, 1])
        .advanceDeadLettering(1000, 2000, [
          { queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" },
          { queue: "jobs", messageId: 1, deadLetterQueue: "jobs-dlq" }
        ])
        .queueSend("jobs-dlq")
    const all = both().queueRedrive("jobs-dlq", [
      { messageId: 0, source: "jobs" },
      { messageId: 1, source: "jobs" }
    ])
    expect(check.always(all.history, config)).toBeUndefined()
    const partial = both().queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }])
    expect(check.always(partial.history, config)).toEqual({
      step: 7,
      message: "Redriven of jobs-dlq at 2000 ms leaves out message 1, moved there from jobs at step 6 and still there, not received since"
    })
    // A message a consumer of the dead-letter queue is working on may stay (RabbitMQ's basic.get takes only ready messages).
    const working = both().queueReceive("jobs-dlq", "d", [1]).queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }])
    expect(check.always(working.history, config)).toBeUndefined()
    // Once released, it is ready again: the redrive must take it (mutant:redrive-skips-received leaves it).
    const released = both().queueReceive("jobs-dlq", "d", [1]).queueRelease("jobs-dlq", "d", 4).queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }])
    expect(check.always(released.history, config)).toEqual({
      step: 9,
      message: "Redriven of jobs-dlq at 2000 ms leaves out message 1, moved there from jobs at step 6 and still there, received since but released (receipt 4)"
    })
    const twice = both().queueRedrive("jobs-dlq", [
      { messageId: 0, source: "jobs" },
      { messageId: 1, source: "jobs" },
      { messageId: 1, source: "jobs" }
    ])
    expect(check.always(twice.history, config)?.message).toBe("Redriven of jobs-dlq at 2000 ms lists a message twice: 1")
    const reordered = both().queueRedrive("jobs-dlq", [
      { messageId: 1, source: "jobs" },
      { messageId: 0, source: "jobs" }
    ])
    expect(check.always(reordered.history, config)?.message).toBe("Redriven of jobs-dlq at 2000 ms lists message 1 where queue order has message 0")
  })

  it("is violated by a redrive of a message that is not in the dead-letter queue", () => {
    const notMoved = new HistoryBuilder().queueSend("jobs").queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }])
    expect(check.always(notMoved.history, config)).toEqual({
      step: 1,
      message: "Redriven of jobs-dlq at 0 ms lists message 0 back to jobs, but it is in jobs, not in jobs-dlq"
    })
    const sentThere = new HistoryBuilder().queueSend("jobs-dlq").queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }])
    expect(check.always(sentThere.history, config)?.message).toBe(
      "Redriven of jobs-dlq at 0 ms lists message 0 back to jobs, but it was sent to jobs-dlq, not moved there"
    )
    const twice = deadLettered().queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }]).queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }])
    expect(check.always(twice.history, config)?.message).toBe(
      "Redriven of jobs-dlq at 2000 ms lists message 0 back to jobs, but it is in jobs, not in jobs-dlq"
    )
    const wrongSource = deadLettered().queueRedrive("jobs-dlq", [{ messageId: 0, source: "emails" }])
    expect(check.always(wrongSource.history, config)?.message).toBe(
      "Redriven of jobs-dlq at 2000 ms lists message 0 back to emails, but it was moved there from jobs"
    )
  })

  it("is violated by a listing of the dead-letter queue that still holds a redriven message, but not once it is moved back", () => {
    const b = deadLettered().queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }]).queueListed("jobs-dlq", [queueEntry(0, { source: "jobs" })])
    expect(check.always(b.history, config)).toEqual({
      step: 6,
      message: "the listing of jobs-dlq at 2000 ms holds message 0, which Redriven moved back to jobs at step 6, and no move brought it back"
    })
    const movedBack = deadLettered()
      .queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }])
      .queueReceive("jobs", "a", [0])
      .advance(1000, 3000)
      .queueReceive("jobs", "a", [0])
      .advanceDeadLettering(1000, 4000, [{ queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }])
      .queueListed("jobs-dlq", [queueEntry(0, { receiveCount: 2, receipt: 3, source: "jobs" })])
    expect(check.always(movedBack.history, config)).toBeUndefined()
    expect(check.sometimes(movedBack.history, config)).toBe(true)
  })

  it("does not witness a redrive whose message was never received again", () => {
    const b = deadLettered().queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }])
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(false)
  })

  it("is n/a without a redrive policy", () => {
    expect(notApplicableReasonOf(guaranteeById(check.id), check, config)).toBeUndefined()
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configDefault)).toBe(
      "needs a queue with a redrive policy (receiveCountMax and deadLetterQueue); the config has none"
    )
    const noPolicy = { ...config, queues: [{ name: "emails", mode: "at-most-once" as const, visibilityTimeoutMs: 500 }] }
    expect(notApplicableReasonOf(guaranteeById(check.id), check, noPolicy)).toBe(
      "needs a queue with a redrive policy (receiveCountMax and deadLetterQueue); the config has none"
    )
  })
})
