import { describe, expect, it } from "vitest"
import { configDefault, guaranteeById } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { HistoryBuilder, queueEntry } from "./internal/historyBuilder.ts"
import { queueTestConfig as config } from "./internal/queueTestConfig.ts"
import { poisonMessagesEndInTheDeadLetterQueue as check } from "./poisonMessagesEndInTheDeadLetterQueue.ts"

const moveOf0 = [{ queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }]

/** Message 0 of jobs (receiveCountMax 2, visibility 1000 ms): a receives it at 0 ms and crashes, b receives it at 1000 ms (its 2nd receive, visible again from 2000 ms). */
const exhausted = () =>
  new HistoryBuilder()
    .queueSend("jobs")
    .queueReceive("jobs", "a", [0])
    .queueCrash("jobs", "a", [0])
    .advance(1000, 1000)
    .queueReceive("jobs", "b", [0])

describe("PoisonMessagesEndInTheDeadLetterQueue", () => {
  it("holds and is witnessed when the 2nd receive's visibility end moves the message, which the final listing holds", () => {
    const b = exhausted()
      .advance(999, 1999)
      .advanceDeadLettering(1, 2000, moveOf0)
      .queueListed("jobs")
      .queueListed("jobs-dlq", [queueEntry(0, { receiveCount: 2, receipt: 1, source: "jobs" })])
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("is violated by a move 1 ms early and by a missing move at the visibility end", () => {
    const early = exhausted().advanceDeadLettering(999, 1999, moveOf0)
    expect(check.always(early.history, config)).toEqual({
      step: 5,
      message: "ClockAdvanced to 1999 ms moved message 0 from jobs to jobs-dlq, but its last receive, receipt 1 (consumer b, at 1000 ms), keeps it in flight until 2000 ms"
    })
    const missing = exhausted().advance(1000, 2000)
    expect(check.always(missing.history, config)).toEqual({
      step: 5,
      message: "ClockAdvanced to 2000 ms did not move message 0 from jobs to jobs-dlq, but it was received 2 times (the last: receipt 1 (consumer b, at 1000 ms)) and its visibility ended at 2000 ms"
    })
  })

  it("is violated by a crash not counted (a count that went down)", () => {
    const b = new HistoryBuilder()
      .queueSend("jobs")
      .queueReceive("jobs", "a", [0])
      .queueCrash("jobs", "a", [0])
      .advance(1000, 1000)
      .queueReceive("jobs", "b", [0], { counts: [1] })
    expect(check.always(b.history, config)).toEqual({
      step: 4,
      message: "queue jobs gave message 0 (receipt 1, consumer b) at 1000 ms with receive count 1, but it is its 2nd receive since its enqueue at step 1"
    })
  })

  it("is violated by a limit off by one: a receive above receiveCountMax, or a move after too few receives", () => {
    const above = exhausted().advance(1000, 2000).queueReceive("jobs", "c", [0])
    // the missing move is seen first, at the ClockAdvance
    expect(check.always(above.history, config)?.step).toBe(5)
    const releasedAtTheLimit = new HistoryBuilder()
      .queueSend("jobs")
      .queueReceive("jobs", "a", [0])
      .advance(1000, 1000)
      .queueReceive("jobs", "b", [0])
      .queueRelease("jobs", "b", 1, true)
    expect(check.always(releasedAtTheLimit.history, config)).toBeUndefined()
    expect(check.sometimes(releasedAtTheLimit.history, config)).toBe(true)
    const third = new HistoryBuilder()
      .queueSend("jobs")
      .queueReceive("jobs", "a", [0])
      .queueRelease("jobs", "a", 0)
      .queueReceive("jobs", "b", [0])
      .entry(
        { _tag: "QueueRelease", queue: "jobs", consumer: "b", receipt: 1 },
        { _tag: "Released", queue: "jobs", consumer: "b", receipt: 1, messageId: 0, deadLettered: false }
      )
    expect(check.always(third.history, config)).toEqual({
      step: 4,
      message: "queue jobs released message 0 (receipt 1, consumer b) at 0 ms with deadLettered: false, but it was received 2 times, its receiveCountMax: its visibility ended here, so it should have moved to jobs-dlq"
    })
    const thirdReceive = third.queueReceive("jobs", "c", [0])
    expect(check.always(thirdReceive.history, config)?.step).toBe(4)
    const tooEarly = new HistoryBuilder().queueSend("jobs").queueReceive("jobs", "a", [0]).queueRelease("jobs", "a", 0, true)
    expect(check.always(tooEarly.history, config)).toEqual({
      step: 2,
      message: "queue jobs released message 0 (receipt 0, consumer a) at 0 ms with deadLettered: true, but it was received only once since it was last enqueued or redriven, and jobs's receiveCountMax is 2"
    })
    const clockTooEarly = new HistoryBuilder().queueSend("jobs").queueReceive("jobs", "a", [0]).advanceDeadLettering(1000, 1000, moveOf0)
    expect(check.always(clockTooEarly.history, config)?.message).toBe(
      "ClockAdvanced to 1000 ms moved message 0 from jobs to jobs-dlq, but it was received only once since it was last enqueued or redriven, and jobs's receiveCountMax is 2"
    )
  })

  it("reports a receive count above receiveCountMax", () => {
    // a broker that ignores visibility altogether: the 3rd receive is the first claim broken here
    const b = new HistoryBuilder()
      .queueSend("jobs")
      .queueReceive("jobs", "a", [0])
      .queueReceive("jobs", "b", [0])
      .queueReceive("jobs", "c", [0])
    expect(check.always(b.history, config)).toEqual({
      step: 3,
      message: "queue jobs gave message 0 (receipt 2, consumer c) at 0 ms, its 3rd receive since its enqueue at step 1, above jobs's receiveCountMax of 2: it should have moved to jobs-dlq when its 2nd receive's visibility ended"
    })
  })

  it("is violated by a move of a deleted message", () => {
    const b = exhausted().queueAck("jobs", "b", 1).advanceDeadLettering(1000, 2000, moveOf0)
    expect(check.always(b.history, config)?.message).toBe(
      "ClockAdvanced to 2000 ms moved message 0 from jobs to jobs-dlq, but receipt 1 of consumer b deleted it at step 6"
    )
    const deletedNotMoved = exhausted().queueAck("jobs", "b", 1).advance(1000, 2000)
    expect(check.always(deletedNotMoved.history, config)).toBeUndefined()
  })

  it("is violated by a moved message received from its source before a redrive", () => {
    const b = exhausted().advanceDeadLettering(1000, 2000, moveOf0).queueReceive("jobs", "c", [0], { counts: [1] })
    expect(check.always(b.history, config)).toEqual({
      step: 6,
      message: "queue jobs gave message 0 (receipt 2, consumer c) at 2000 ms, but it was moved to jobs-dlq at step 6 and no Redriven listed it since"
    })
    const redriven = exhausted()
      .advanceDeadLettering(1000, 2000, moveOf0)
      .queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }])
      .queueReceive("jobs", "c", [0])
    expect(check.always(redriven.history, config)).toBeUndefined()
  })

  it("counts receives from the dead-letter queue on, with no limit there", () => {
    const b = exhausted()
      .advanceDeadLettering(1000, 2000, moveOf0)
      .queueReceive("jobs-dlq", "c", [0])
      .advance(1000, 3000)
      .queueReceive("jobs-dlq", "c", [0])
    expect(b.history.at(-1)?.response).toMatchObject({ messages: [{ receiveCount: 4 }] })
    expect(check.always(b.history, config)).toBeUndefined()
  })

  it("is violated by a move that drops the message: the final listing of the dead-letter queue lacks it", () => {
    const b = exhausted().advanceDeadLettering(1000, 2000, moveOf0).queueListed("jobs").queueListed("jobs-dlq")
    expect(check.always(b.history, config)).toEqual({
      step: 7,
      message: "message 0 was moved from jobs to jobs-dlq at step 6 (at 2000 ms) and never redriven, but the final listing of jobs-dlq (step 8) does not hold it"
    })
    const notFinal = exhausted().advanceDeadLettering(1000, 2000, moveOf0).queueListed("jobs-dlq").queueSend("jobs-dlq")
    expect(check.always(notFinal.history, config)).toBeUndefined()
  })

  it("is n/a without a redrive policy", () => {
    expect(notApplicableReasonOf(guaranteeById(check.id), check, config)).toBeUndefined()
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configDefault)).toBe(
      "needs a queue with a redrive policy (receiveCountMax and deadLetterQueue); the config has none"
    )
  })
})
