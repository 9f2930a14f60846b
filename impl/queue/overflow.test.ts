import { describe, expect, it } from "vitest"
import { advance, queueAck, queueOf, queueReceive, queueRelease, queueSend } from "../internal/testCommands.ts"
import { bounded, run } from "../internal/testRun.ts"

/** The ids of a listing's messages. */
const idsListed = (response: unknown): Array<number> => (response as { messages: Array<{ messageId: number }> }).messages.map((m) => m.messageId)

describe("the broker's bounded queues", () => {
  it("block and reject refuse a send to a full queue, store nothing and use up no id; a receive makes room (in flight is not counted)", async () => {
    const responses = await run([
      queueSend("block", "a"),
      queueSend("block", "b"),
      queueSend("block", "c"),
      queueSend("reject", "d"),
      queueSend("reject", "e"),
      queueSend("reject", "f"),
      queueReceive("block", "x", 1),
      queueSend("block", "c"),
      queueOf("block")
    ], bounded)
    expect(responses.slice(0, 6)).toStrictEqual([
      { _tag: "Enqueued", queue: "block", messageId: 0 },
      { _tag: "Enqueued", queue: "block", messageId: 1 },
      { _tag: "SendBlocked", queue: "block" },
      { _tag: "Enqueued", queue: "reject", messageId: 2 },
      { _tag: "Enqueued", queue: "reject", messageId: 3 },
      { _tag: "SendRejected", queue: "reject" }
    ])
    expect(responses[7]).toStrictEqual({ _tag: "Enqueued", queue: "block", messageId: 4 })
    expect(idsListed(responses[8])).toStrictEqual([0, 1, 4])
  })

  it("drop-oldest discards the first visible message, skipping in-flight ones; its receipt then deletes nothing", async () => {
    const responses = await run([
      queueSend("oldest.fifo", "a", { group: "A" }),
      queueSend("oldest.fifo", "b", { group: "B" }),
      queueReceive("oldest.fifo", "x", 1),
      queueSend("oldest.fifo", "c", { group: "C" }),
      queueSend("oldest.fifo", "d", { group: "D" }),
      queueAck("oldest.fifo", "x", 0),
      queueRelease("oldest.fifo", "y", 0),
      queueOf("oldest.fifo")
    ], bounded)
    expect(responses[3]).toStrictEqual({ _tag: "Enqueued", queue: "oldest.fifo", messageId: 2 })
    expect(responses[4]).toStrictEqual({ _tag: "Enqueued", queue: "oldest.fifo", messageId: 3, dropped: 1 })
    expect(responses[5]).toStrictEqual({ _tag: "Acknowledged", queue: "oldest.fifo", consumer: "x", receipt: 0, messageId: 0, deleted: true })
    expect(idsListed(responses[7])).toStrictEqual([2, 3])
  })

  it("drop-newest answers Enqueued with its own id dropped and does not remember its dedup id; the dedup check comes first", async () => {
    const responses = await run([
      queueSend("newest.fifo", "a", { group: "A", dedupId: "d1" }),
      queueSend("newest.fifo", "b", { group: "A" }),
      queueSend("newest.fifo", "a", { group: "A", dedupId: "d1" }),
      queueSend("newest.fifo", "c", { group: "A", dedupId: "d3" }),
      queueSend("newest.fifo", "c", { group: "A", dedupId: "d3" }),
      queueSend("open", "e"),
      queueOf("newest.fifo")
    ], bounded)
    expect(responses.slice(2, 6)).toStrictEqual([
      { _tag: "Enqueued", queue: "newest.fifo", messageId: 0, deduplicated: true },
      { _tag: "Enqueued", queue: "newest.fifo", messageId: 2, dropped: 2 },
      { _tag: "Enqueued", queue: "newest.fifo", messageId: 3, dropped: 3 },
      { _tag: "Enqueued", queue: "open", messageId: 4 }
    ])
    expect(responses[6]).toMatchObject({ remembered: [{ dedupId: "d1", messageId: 0 }] })
    expect(idsListed(responses[6])).toStrictEqual([0, 1])
  })

  it("checks the bound at sends only: messages visible again and moves into a full dead-letter queue are never refused", async () => {
    const responses = await run([
      queueSend("oldest", "a"),
      queueSend("oldest", "b"),
      queueReceive("oldest", "x", 2),
      queueRelease("oldest", "x", 0),
      advance(1000),
      queueOf("dlq"),
      queueSend("dlq", "c")
    ], bounded)
    expect(responses[4]).toMatchObject({ deadLettered: [{ queue: "oldest", messageId: 1, deadLetterQueue: "dlq" }] })
    expect(idsListed(responses[5])).toStrictEqual([0, 1])
    expect(responses[6]).toStrictEqual({ _tag: "SendRejected", queue: "dlq" })
  })
})
