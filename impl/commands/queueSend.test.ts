import { describe, expect, it } from "vitest"
import { advance, queueOf, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"

describe("QueueSend", () => {
  it("numbers messages over the whole run, across queues", async () => {
    expect(await run([queueSend("q", "a"), queueSend("plain", "b"), queueSend("f", "c", { group: "g" }), queueSend("q", "d")], queued)).toStrictEqual([
      { _tag: "Enqueued", queue: "q", messageId: 0 },
      { _tag: "Enqueued", queue: "plain", messageId: 1 },
      { _tag: "Enqueued", queue: "f", messageId: 2 },
      { _tag: "Enqueued", queue: "q", messageId: 3 }
    ])
  })

  it("answers the checks in order: UnknownQueue, FifoOnly (group first), MessageGroupMissing, and enqueues nothing", async () => {
    expect(
      await run([
        queueSend("nope", "a", { group: "g" }),
        queueSend("q", "a", { group: "g", dedupId: "d" }),
        queueSend("q", "a", { dedupId: "d" }),
        queueSend("f", "a", { dedupId: "d" }),
        queueSend("t", "a"),
        queueSend("q", "b"),
        queueOf("f")
      ], queued)
    ).toStrictEqual([
      { _tag: "UnknownQueue", queue: "nope" },
      { _tag: "FifoOnly", queue: "q", field: "group" },
      { _tag: "FifoOnly", queue: "q", field: "dedupId" },
      { _tag: "MessageGroupMissing", queue: "f" },
      { _tag: "UnknownQueue", queue: "t" },
      { _tag: "Enqueued", queue: "q", messageId: 0 },
      { _tag: "QueueListed", queue: "f", messages: [], remembered: [] }
    ])
  })

  it("suppresses a dedup id within the window from its enqueue (not extended by the duplicate) and enqueues it again at the window's end", async () => {
    const responses = await run([
      queueSend("f", "a", { group: "g", dedupId: "d" }),
      advance(4999),
      queueSend("f", "b", { group: "h", dedupId: "d" }),
      queueOf("f"),
      advance(1),
      queueOf("f"),
      queueSend("f", "c", { group: "g", dedupId: "d" }),
      queueSend("f", "e", { group: "g" })
    ], queued)
    expect(responses.filter((response) => response._tag !== "ClockAdvanced")).toStrictEqual([
      { _tag: "Enqueued", queue: "f", messageId: 0 },
      { _tag: "Enqueued", queue: "f", messageId: 0, deduplicated: true },
      {
        _tag: "QueueListed",
        queue: "f",
        messages: [{ messageId: 0, value: "a", group: "g", dedupId: "d", receiveCount: 0 }],
        remembered: [{ dedupId: "d", messageId: 0, atMs: 0 }]
      },
      { _tag: "QueueListed", queue: "f", messages: [{ messageId: 0, value: "a", group: "g", dedupId: "d", receiveCount: 0 }], remembered: [] },
      { _tag: "Enqueued", queue: "f", messageId: 1 },
      { _tag: "Enqueued", queue: "f", messageId: 2 }
    ])
  })

  it("lists the remembered ids by enqueue time, then id, and keeps them per queue", async () => {
    const responses = await run([
      queueSend("f", "a", { group: "g", dedupId: "z" }),
      queueSend("f", "b", { group: "g", dedupId: "b" }),
      advance(10),
      queueSend("f", "c", { group: "g", dedupId: "a" }),
      queueSend("fdlq", "d", { group: "g", dedupId: "z" }),
      queueOf("f")
    ], queued)
    expect(responses.slice(-2)).toStrictEqual([
      { _tag: "Enqueued", queue: "fdlq", messageId: 3 },
      {
        _tag: "QueueListed",
        queue: "f",
        messages: [
          { messageId: 0, value: "a", group: "g", dedupId: "z", receiveCount: 0 },
          { messageId: 1, value: "b", group: "g", dedupId: "b", receiveCount: 0 },
          { messageId: 2, value: "c", group: "g", dedupId: "a", receiveCount: 0 }
        ],
        remembered: [
          { dedupId: "b", messageId: 1, atMs: 0 },
          { dedupId: "z", messageId: 0, atMs: 0 },
          { dedupId: "a", messageId: 2, atMs: 10 }
        ]
      }
    ])
  })
})
