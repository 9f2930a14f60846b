import { describe, expect, it } from "vitest"
import { init, queueOf, receiptStatusOf, run, step } from "../index.ts"
import { configQueues, qcmd } from "./internal/testing.ts"

const s0 = init(configQueues)

// `jobs`: visibility 1,000 ms, receiveCountMax 2, dead-letter queue `jobs-dlq`
const twiceReceived = run(s0, [
  qcmd.send("jobs", "a"),
  qcmd.send("jobs", "b"),
  qcmd.receive("jobs", "x", 1),
  qcmd.advance(1000),
  qcmd.receive("jobs", "x", 1)
])

describe("dead-lettering on ClockAdvance", () => {
  it("moves an exhausted message at exactly the end of its last visibility, not 1 ms before", () => {
    expect(twiceReceived.responses[4]).toEqual({ _tag: "Received", queue: "jobs", consumer: "x", messages: [{ messageId: 0, value: "a", receipt: 1, receiveCount: 2 }] })
    const before = step(twiceReceived.state, qcmd.advance(999))
    expect(before.response).toEqual({ _tag: "ClockAdvanced", nowMs: 1999, expired: [], rebalanced: [] })
    expect(queueOf(before.state, "jobs-dlq")!.messages).toEqual([])
    const at = step(before.state, qcmd.advance(1))
    expect(at.response).toEqual({
      _tag: "ClockAdvanced",
      nowMs: 2000,
      expired: [],
      rebalanced: [],
      deadLettered: [{ queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }]
    })
    // one jump past the end moves it too
    expect(step(twiceReceived.state, qcmd.advance(5000)).response).toMatchObject({ deadLettered: [{ queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }] })
    expect(queueOf(at.state, "jobs")!.messages).toEqual([{ messageId: 1, value: "b", receiveCount: 0 }])
    // it keeps its id, receive count and (now stale) receipt, lands visible, and names its source
    expect(queueOf(at.state, "jobs-dlq")!.messages).toEqual([{ messageId: 0, value: "a", receiveCount: 2, receipt: 1, source: "jobs" }])
    const after = run(at.state, [qcmd.ack("jobs", "x", 1), qcmd.ack("jobs-dlq", "x", 1), qcmd.receive("jobs", "y", 5), qcmd.receive("jobs-dlq", "y", 5)])
    expect(after.responses).toEqual([
      { _tag: "Acknowledged", queue: "jobs", consumer: "x", receipt: 1, messageId: 0, deleted: false },
      { _tag: "UnknownReceipt", queue: "jobs-dlq", receipt: 1 },
      { _tag: "Received", queue: "jobs", consumer: "y", messages: [{ messageId: 1, value: "b", receipt: 2, receiveCount: 1 }] },
      // the dead-letter queue has no policy: its receive counts go on from the source's
      { _tag: "Received", queue: "jobs-dlq", consumer: "y", messages: [{ messageId: 0, value: "a", receipt: 3, receiveCount: 3 }] }
    ])
  })

  it("a message below receiveCountMax becomes visible again instead", () => {
    const { responses } = run(s0, [qcmd.send("jobs", "a"), qcmd.receive("jobs", "x", 1), qcmd.advance(1000), qcmd.list("jobs")])
    expect(responses[2]).toEqual({ _tag: "ClockAdvanced", nowMs: 1000, expired: [], rebalanced: [] })
    expect(responses[3]).toEqual({ _tag: "QueueListed", queue: "jobs", messages: [{ messageId: 0, value: "a", receiveCount: 1, receipt: 0 }], remembered: [] })
  })

  it("a crashed consumer's receives count: the message is dead-lettered after its visibility ends", () => {
    const { responses } = run(s0, [qcmd.send("jobs", "a"), qcmd.receive("jobs", "x", 1), qcmd.crash("jobs", "x"), qcmd.advance(1000), qcmd.receive("jobs", "y", 1), qcmd.crash("jobs", "y"), qcmd.advance(1000)])
    expect(responses[2]).toEqual({ _tag: "QueueCrashed", queue: "jobs", consumer: "x", receipts: [0] })
    expect(responses[6]).toEqual({ _tag: "ClockAdvanced", nowMs: 2000, expired: [], rebalanced: [], deadLettered: [{ queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }] })
  })

  it("an extended exhausted message moves when the extended visibility ends", () => {
    const extended = run(twiceReceived.state, [qcmd.extend("jobs", "x", 1, 3000), qcmd.advance(2999)])
    expect(extended.responses[0]).toEqual({ _tag: "Extended", queue: "jobs", consumer: "x", receipt: 1, messageId: 0, inFlightUntilMs: 4000 })
    expect(extended.responses[1]).toEqual({ _tag: "ClockAdvanced", nowMs: 3999, expired: [], rebalanced: [] })
    expect(step(extended.state, qcmd.advance(1)).response).toMatchObject({ deadLettered: [{ queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }] })
  })

  it("moves queue by queue in configuration order, each in queue order, into a dead-letter queue shared by two sources", () => {
    // `other` (visibility 300 ms, receiveCountMax 1) also dead-letters to `jobs-dlq`
    const { state, responses } = run(s0, [
      qcmd.send("other", "o1"),
      qcmd.send("jobs", "j1"),
      qcmd.send("other", "o2"),
      qcmd.send("jobs", "j2"),
      qcmd.receive("other", "x", 2),
      qcmd.receive("jobs", "x", 2),
      qcmd.advance(1000),
      qcmd.receive("jobs", "x", 2),
      qcmd.advance(1000),
      qcmd.list("jobs-dlq")
    ])
    expect(responses[6]).toEqual({
      _tag: "ClockAdvanced",
      nowMs: 1000,
      expired: [],
      rebalanced: [],
      deadLettered: [
        { queue: "other", messageId: 0, deadLetterQueue: "jobs-dlq" },
        { queue: "other", messageId: 2, deadLetterQueue: "jobs-dlq" }
      ]
    })
    expect(responses[8]).toEqual({
      _tag: "ClockAdvanced",
      nowMs: 2000,
      expired: [],
      rebalanced: [],
      deadLettered: [
        { queue: "jobs", messageId: 1, deadLetterQueue: "jobs-dlq" },
        { queue: "jobs", messageId: 3, deadLetterQueue: "jobs-dlq" }
      ]
    })
    expect(responses[9]).toMatchObject({ messages: [{ messageId: 0, source: "other" }, { messageId: 2, source: "other" }, { messageId: 1, source: "jobs" }, { messageId: 3, source: "jobs" }] })
    // redrive sends each back to its own source
    const redriven = run(state, [qcmd.redrive("jobs-dlq"), qcmd.list("other"), qcmd.list("jobs")])
    expect(redriven.responses[0]).toEqual({
      _tag: "Redriven",
      queue: "jobs-dlq",
      messages: [
        { messageId: 0, source: "other" },
        { messageId: 2, source: "other" },
        { messageId: 1, source: "jobs" },
        { messageId: 3, source: "jobs" }
      ]
    })
    expect(redriven.responses[1]).toMatchObject({ messages: [{ messageId: 0, receiveCount: 0 }, { messageId: 2, receiveCount: 0 }] })
    expect(redriven.responses[2]).toMatchObject({ messages: [{ messageId: 1 }, { messageId: 3 }] })
  })
})

describe("dead-lettering on QueueRelease", () => {
  it("releasing an exhausted message moves it to the dead-letter queue at once", () => {
    const { state, responses } = run(twiceReceived.state, [qcmd.release("jobs", "x", 1), qcmd.list("jobs"), qcmd.list("jobs-dlq"), qcmd.advance(1000)])
    expect(responses[0]).toEqual({ _tag: "Released", queue: "jobs", consumer: "x", receipt: 1, messageId: 0, deadLettered: true })
    expect(responses[1]).toMatchObject({ messages: [{ messageId: 1 }] })
    expect(responses[2]).toMatchObject({ messages: [{ messageId: 0, receiveCount: 2, receipt: 1, source: "jobs" }] })
    // moved once: the clock does not move it again
    expect(responses[3]).toEqual({ _tag: "ClockAdvanced", nowMs: 2000, expired: [], rebalanced: [] })
    expect(receiptStatusOf(state, "jobs", 1)).toBe("stale")
  })
})

describe("redrive", () => {
  it("leaves a dead letter a consumer holds in flight, and moves it once its visibility ended (its receipt then stale)", () => {
    const moved = step(twiceReceived.state, qcmd.advance(1000)).state
    const { responses } = run(moved, [
      qcmd.receive("jobs-dlq", "z", 1),
      qcmd.redrive("jobs-dlq"),
      qcmd.advance(999),
      qcmd.redrive("jobs-dlq"),
      qcmd.advance(1),
      qcmd.redrive("jobs-dlq"),
      qcmd.ack("jobs-dlq", "z", 2),
      qcmd.list("jobs")
    ])
    expect(responses[0]).toEqual({ _tag: "Received", queue: "jobs-dlq", consumer: "z", messages: [{ messageId: 0, value: "a", receipt: 2, receiveCount: 3 }] })
    expect(responses[1]).toEqual({ _tag: "Redriven", queue: "jobs-dlq", messages: [] })
    expect(responses[3]).toEqual({ _tag: "Redriven", queue: "jobs-dlq", messages: [] })
    expect(responses[5]).toEqual({ _tag: "Redriven", queue: "jobs-dlq", messages: [{ messageId: 0, source: "jobs" }] })
    expect(responses[6]).toEqual({ _tag: "Acknowledged", queue: "jobs-dlq", consumer: "z", receipt: 2, messageId: 0, deleted: false })
    expect(responses[7]).toMatchObject({ messages: [{ messageId: 1 }, { messageId: 0, value: "a", receiveCount: 0 }] })
  })

  it("returns dead letters to the end of their source with a fresh count and no receipt; messages sent to the DLQ stay", () => {
    const moved = step(twiceReceived.state, qcmd.advance(1000)).state
    const { state, responses } = run(moved, [
      qcmd.send("jobs-dlq", "direct"),
      qcmd.send("jobs", "c"),
      qcmd.redrive("jobs-dlq"),
      qcmd.list("jobs"),
      qcmd.list("jobs-dlq"),
      qcmd.ack("jobs", "x", 1),
      qcmd.receive("jobs", "y", 5),
      qcmd.redrive("jobs-dlq")
    ])
    expect(responses[2]).toEqual({ _tag: "Redriven", queue: "jobs-dlq", messages: [{ messageId: 0, source: "jobs" }] })
    expect(responses[3]).toEqual({
      _tag: "QueueListed",
      queue: "jobs",
      messages: [
        { messageId: 1, value: "b", receiveCount: 0 },
        { messageId: 3, value: "c", receiveCount: 0 },
        { messageId: 0, value: "a", receiveCount: 0 }
      ],
      remembered: []
    })
    expect(responses[4]).toEqual({ _tag: "QueueListed", queue: "jobs-dlq", messages: [{ messageId: 2, value: "direct", receiveCount: 0 }], remembered: [] })
    // the old receipt is stale
    expect(responses[5]).toEqual({ _tag: "Acknowledged", queue: "jobs", consumer: "x", receipt: 1, messageId: 0, deleted: false })
    expect(responses[6]).toEqual({
      _tag: "Received",
      queue: "jobs",
      consumer: "y",
      messages: [
        { messageId: 1, value: "b", receipt: 2, receiveCount: 1 },
        { messageId: 3, value: "c", receipt: 3, receiveCount: 1 },
        { messageId: 0, value: "a", receipt: 4, receiveCount: 1 }
      ]
    })
    expect(responses[7]).toEqual({ _tag: "Redriven", queue: "jobs-dlq", messages: [] })
    // a fresh count: dead-lettered again only after receiveCountMax more receives
    const again = run(state, [qcmd.advance(1000), qcmd.receive("jobs", "y", 5), qcmd.advance(1000)])
    expect(again.responses[0]).toEqual({ _tag: "ClockAdvanced", nowMs: 3000, expired: [], rebalanced: [] })
    expect(again.responses[2]).toMatchObject({
      deadLettered: [
        { queue: "jobs", messageId: 1, deadLetterQueue: "jobs-dlq" },
        { queue: "jobs", messageId: 3, deadLetterQueue: "jobs-dlq" },
        { queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }
      ]
    })
  })
})
