import * as fs from "node:fs"
import * as path from "node:path"
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import { Config } from "../../spec/config.ts"
import { assertStepIsPure } from "../internal/purity.ts"
import { init, messagesEnqueuedOf, run, step } from "../index.ts"
import { commandArbBounded, configBounded, qcmd } from "./internal/testing.ts"

const s0 = init(configBounded)

/** The ids of a listing's messages. */
const idsListed = (response: unknown): Array<number> => (response as { messages: Array<{ messageId: number }> }).messages.map((m) => m.messageId)

describe("bounded queues: block and reject", () => {
  it("refuse a send when the visible messages number messagesMax, store nothing and use up no message id; accept once there is room", () => {
    for (const [queue, refused] of [["block", "SendBlocked"], ["reject", "SendRejected"]] as const) {
      const { state, responses } = run(s0, [
        qcmd.send(queue, "a"),
        qcmd.send(queue, "b"),
        qcmd.send(queue, "c"),
        qcmd.list(queue),
        qcmd.send("open", "d"),
        qcmd.receive(queue, "x", 1),
        qcmd.ack(queue, "x", 0),
        qcmd.send(queue, "c")
      ])
      expect(responses.slice(0, 3)).toEqual([
        { _tag: "Enqueued", queue, messageId: 0 },
        { _tag: "Enqueued", queue, messageId: 1 },
        { _tag: refused, queue }
      ])
      expect(idsListed(responses[3])).toEqual([0, 1])
      expect(responses[4]).toEqual({ _tag: "Enqueued", queue: "open", messageId: 2 })
      expect(responses[7]).toEqual({ _tag: "Enqueued", queue, messageId: 3 })
      expect(messagesEnqueuedOf(state)).toBe(4)
    }
  })

  it("do not count in-flight messages: a receive makes room", () => {
    const { responses } = run(s0, [
      qcmd.send("block", "a"),
      qcmd.send("block", "b"),
      qcmd.receive("block", "x", 1),
      qcmd.send("block", "c"),
      qcmd.send("block", "d"),
      qcmd.list("block")
    ])
    expect(responses[3]).toEqual({ _tag: "Enqueued", queue: "block", messageId: 2 })
    expect(responses[4]).toEqual({ _tag: "SendBlocked", queue: "block" })
    expect(idsListed(responses[5])).toEqual([0, 1, 2])
  })

  it("a refused send changes nothing", () => {
    const full = run(s0, [qcmd.send("reject", "a"), qcmd.send("reject", "b")]).state
    const refused = step(full, qcmd.send("reject", "c"))
    expect(refused.response).toEqual({ _tag: "SendRejected", queue: "reject" })
    expect(refused.state).toBe(full)
  })
})

describe("bounded queues: drop-oldest", () => {
  it("stores the new message and removes the first visible message in queue order, skipping in-flight ones", () => {
    const { responses } = run(s0, [
      qcmd.send("oldest", "a"),
      qcmd.send("oldest", "b"),
      qcmd.receive("oldest", "x", 1),
      qcmd.send("oldest", "c"),
      qcmd.send("oldest", "d"),
      qcmd.list("oldest")
    ])
    expect(responses[3]).toEqual({ _tag: "Enqueued", queue: "oldest", messageId: 2 })
    expect(responses[4]).toEqual({ _tag: "Enqueued", queue: "oldest", messageId: 3, dropped: 1 })
    expect(idsListed(responses[5])).toEqual([0, 2, 3])
  })

  it("leaves the dropped message's receipts stale: acknowledging one deletes nothing", () => {
    const { responses } = run(s0, [
      qcmd.send("oldest.fifo", "a", "A"),
      qcmd.send("oldest.fifo", "b", "B"),
      qcmd.receive("oldest.fifo", "x", 1),
      qcmd.release("oldest.fifo", "x", 0),
      qcmd.send("oldest.fifo", "c", "C"),
      qcmd.ack("oldest.fifo", "x", 0),
      qcmd.list("oldest.fifo")
    ])
    expect(responses[4]).toEqual({ _tag: "Enqueued", queue: "oldest.fifo", messageId: 2, dropped: 0 })
    expect(responses[5]).toEqual({ _tag: "Acknowledged", queue: "oldest.fifo", consumer: "x", receipt: 0, messageId: 0, deleted: false })
    expect(idsListed(responses[6])).toEqual([1, 2])
  })

  it("on a FIFO queue drops the first visible message even when its group is blocked behind an in-flight one", () => {
    const { responses } = run(s0, [
      qcmd.send("oldest.fifo", "a1", "A"),
      qcmd.send("oldest.fifo", "a2", "A"),
      qcmd.receive("oldest.fifo", "x", 1),
      qcmd.send("oldest.fifo", "b1", "B"),
      qcmd.send("oldest.fifo", "b2", "B"),
      qcmd.list("oldest.fifo")
    ])
    expect(responses[2]).toMatchObject({ messages: [{ messageId: 0 }] })
    expect(responses[3]).toEqual({ _tag: "Enqueued", queue: "oldest.fifo", messageId: 2 })
    expect(responses[4]).toEqual({ _tag: "Enqueued", queue: "oldest.fifo", messageId: 3, dropped: 1 })
    expect(idsListed(responses[5])).toEqual([0, 2, 3])
  })
})

describe("bounded queues: drop-newest", () => {
  it("answers Enqueued with its own id as dropped, stores nothing, and does not remember its dedup id", () => {
    const { state, responses } = run(s0, [
      qcmd.send("newest.fifo", "a", "A", "d1"),
      qcmd.send("newest.fifo", "b", "A", "d2"),
      qcmd.send("newest.fifo", "c", "A", "d3"),
      qcmd.list("newest.fifo"),
      qcmd.send("newest.fifo", "c", "A", "d3"),
      qcmd.receive("newest.fifo", "x", 1),
      qcmd.send("newest.fifo", "c", "A", "d3"),
      qcmd.send("newest.fifo", "c", "A", "d3")
    ])
    expect(responses[2]).toEqual({ _tag: "Enqueued", queue: "newest.fifo", messageId: 2, dropped: 2 })
    expect(responses[3]).toEqual({
      _tag: "QueueListed",
      queue: "newest.fifo",
      messages: [{ messageId: 0, value: "a", group: "A", dedupId: "d1", receiveCount: 0 }, { messageId: 1, value: "b", group: "A", dedupId: "d2", receiveCount: 0 }],
      remembered: [{ dedupId: "d1", messageId: 0, atMs: 0 }, { dedupId: "d2", messageId: 1, atMs: 0 }]
    })
    // the retry is dropped again under a fresh id: d3 was never remembered
    expect(responses[4]).toEqual({ _tag: "Enqueued", queue: "newest.fifo", messageId: 3, dropped: 3 })
    // room made by a receive: stored under the next id, then deduplicated
    expect(responses[6]).toEqual({ _tag: "Enqueued", queue: "newest.fifo", messageId: 4 })
    expect(responses[7]).toEqual({ _tag: "Enqueued", queue: "newest.fifo", messageId: 4, deduplicated: true })
    expect(messagesEnqueuedOf(state)).toBe(5)
  })

  it("a dropped message uses up its message id: the next send, to any queue, gets the one after", () => {
    const { responses } = run(s0, [
      qcmd.send("newest.fifo", "a", "A"),
      qcmd.send("newest.fifo", "b", "A"),
      qcmd.send("newest.fifo", "c", "A"),
      qcmd.send("open", "d")
    ])
    expect(responses[2]).toEqual({ _tag: "Enqueued", queue: "newest.fifo", messageId: 2, dropped: 2 })
    expect(responses[3]).toEqual({ _tag: "Enqueued", queue: "open", messageId: 3 })
  })
})

describe("bounded queues: the dedup check comes before the bound", () => {
  it("a remembered dedup id on a full queue answers deduplicated, neither dropped nor refused, and uses up no id", () => {
    const { responses } = run(s0, [
      qcmd.send("newest.fifo", "a", "A", "d1"),
      qcmd.send("newest.fifo", "b", "B"),
      qcmd.send("newest.fifo", "a", "A", "d1"),
      qcmd.send("oldest.fifo", "e", "E", "d1"),
      qcmd.send("oldest.fifo", "f", "F"),
      qcmd.send("oldest.fifo", "e", "E", "d1"),
      qcmd.send("open", "g")
    ])
    expect(responses[2]).toEqual({ _tag: "Enqueued", queue: "newest.fifo", messageId: 0, deduplicated: true })
    expect(responses[5]).toEqual({ _tag: "Enqueued", queue: "oldest.fifo", messageId: 2, deduplicated: true })
    expect(responses[6]).toEqual({ _tag: "Enqueued", queue: "open", messageId: 4 })
  })

  it("a drop-oldest keeps the dropped message's dedup id remembered for its window", () => {
    const { responses } = run(s0, [
      qcmd.send("oldest.fifo", "a", "A", "d1"),
      qcmd.send("oldest.fifo", "b", "B"),
      qcmd.send("oldest.fifo", "c", "C"),
      qcmd.send("oldest.fifo", "a", "A", "d1")
    ])
    expect(responses[2]).toEqual({ _tag: "Enqueued", queue: "oldest.fifo", messageId: 2, dropped: 0 })
    expect(responses[3]).toEqual({ _tag: "Enqueued", queue: "oldest.fifo", messageId: 0, deduplicated: true })
  })
})

describe("bounded queues: the bound is checked at sends only", () => {
  it("messages visible again after their timeout are never refused: the depth exceeds messagesMax and every send meanwhile overflows", () => {
    const { responses } = run(s0, [
      qcmd.send("block", "a"),
      qcmd.send("block", "b"),
      qcmd.receive("block", "x", 2),
      qcmd.send("block", "c"),
      qcmd.send("block", "d"),
      qcmd.advance(1000),
      qcmd.list("block"),
      qcmd.send("block", "e"),
      qcmd.receive("block", "y", 3),
      qcmd.send("block", "e")
    ])
    expect(idsListed(responses[6])).toEqual([0, 1, 2, 3])
    expect(responses[7]).toEqual({ _tag: "SendBlocked", queue: "block" })
    expect(responses[9]).toEqual({ _tag: "Enqueued", queue: "block", messageId: 4 })
  })

  it("a drop-oldest queue over its bound drops one message per send: the depth stays above messagesMax", () => {
    const { responses } = run(s0, [
      qcmd.send("oldest.fifo", "a", "A"),
      qcmd.send("oldest.fifo", "b", "B"),
      qcmd.receive("oldest.fifo", "x", 2),
      qcmd.send("oldest.fifo", "c", "C"),
      qcmd.send("oldest.fifo", "d", "D"),
      qcmd.release("oldest.fifo", "x", 0),
      qcmd.release("oldest.fifo", "x", 1),
      qcmd.send("oldest.fifo", "e", "E"),
      qcmd.list("oldest.fifo")
    ])
    expect(responses[7]).toEqual({ _tag: "Enqueued", queue: "oldest.fifo", messageId: 4, dropped: 0 })
    expect(idsListed(responses[8])).toEqual([1, 2, 3, 4])
  })

  it("moves into a full dead-letter queue are never refused", () => {
    const { responses } = run(s0, [
      qcmd.send("oldest", "a"),
      qcmd.send("oldest", "b"),
      qcmd.receive("oldest", "x", 2),
      qcmd.release("oldest", "x", 0),
      qcmd.advance(1000),
      qcmd.list("dlq"),
      qcmd.send("dlq", "c")
    ])
    expect(responses[3]).toMatchObject({ _tag: "Released", deadLettered: true })
    expect(responses[4]).toMatchObject({ deadLettered: [{ queue: "oldest", messageId: 1, deadLetterQueue: "dlq" }] })
    expect(idsListed(responses[5])).toEqual([0, 1])
    expect(responses[6]).toEqual({ _tag: "SendRejected", queue: "dlq" })
  })

  it("a redrive into a full source queue is never refused", () => {
    const { responses } = run(s0, [
      qcmd.send("oldest", "a"),
      qcmd.receive("oldest", "x", 1),
      qcmd.release("oldest", "x", 0),
      qcmd.send("oldest", "b"),
      qcmd.send("oldest", "c"),
      qcmd.redrive("dlq"),
      qcmd.list("oldest")
    ])
    expect(responses[5]).toEqual({ _tag: "Redriven", queue: "dlq", messages: [{ messageId: 0, source: "oldest" }] })
    expect(idsListed(responses[6])).toEqual([1, 2, 0])
  })
})

describe("step on bounded queues", () => {
  it("is pure", () => {
    assertStepIsPure(configBounded, commandArbBounded, { producers: ["s"], members: [] }, 150, [])
  })
})

const shipped = Schema.decodeUnknownSync(Config)(
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../examples/configs/bounded-queues.json"), "utf8"))
)

describe("the shipped bounded-queues config", () => {
  it("four sends to each queue: absorbing takes all, blocking and rejecting refuse the fourth, dropping-oldest drops the first, dropping-newest.fifo the fourth", () => {
    const names = ["absorbing", "blocking", "rejecting", "dropping-oldest", "dropping-newest.fifo"]
    const commands: Array<Command> = names.flatMap((queue) => [0, 1, 2, 3].map((i) => qcmd.send(queue, `v${i}`, queue.endsWith(".fifo") ? "g" : undefined)))
    const { responses } = run(init(shipped), [...commands, ...names.map(qcmd.list)])
    expect(responses.slice(0, commands.length).filter((_, i) => i % 4 === 3)).toEqual([
      { _tag: "Enqueued", queue: "absorbing", messageId: 3 },
      { _tag: "SendBlocked", queue: "blocking" },
      { _tag: "SendRejected", queue: "rejecting" },
      { _tag: "Enqueued", queue: "dropping-oldest", messageId: 13, dropped: 10 },
      { _tag: "Enqueued", queue: "dropping-newest.fifo", messageId: 17, dropped: 17 }
    ])
    expect(responses.slice(commands.length).map(idsListed)).toEqual([[0, 1, 2, 3], [4, 5, 6], [7, 8, 9], [11, 12, 13], [14, 15, 16]])
  })
})
