import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { guaranteeCheckById } from "../../properties/guarantees/index.ts"
import { runCommandsDrained } from "../../properties/run.ts"
import type { Command } from "../../spec/command.ts"
import type { BrokerTarget } from "../brokerTarget.ts"
import { advance, historyOf, idsOf, jobs, ordersFifo, receive, script, scriptConfig, send, testTimeScale } from "./internal/testScripts.ts"
import { natsJetStreamEntry } from "./index.ts"
import type { NatsSetting } from "./settings.ts"

// The Jepsen-style finding: which acknowledged sends a SIGKILL of nats-server takes away, per stream storage.
const targets = new Map<NatsSetting, BrokerTarget>()

beforeAll(async () => {
  for (const setting of ["file", "memory"] as const) {
    const target = natsJetStreamEntry.make(setting, { timeScale: testTimeScale })
    targets.set(setting, target)
    await target.prepare()
  }
})

afterAll(async () => {
  for (const target of targets.values()) await target.close()
})

const config = scriptConfig([jobs, ordersFifo])
const ack = (consumer: string, receipt: number): Command => ({ _tag: "QueueAck", queue: "jobs", consumer, receipt })
const process = (consumer: string, receipt: number): Command => ({ _tag: "QueueProcess", queue: "jobs", consumer, receipt })

/** Three acknowledged sends and a FIFO send with a dedup id, a SIGKILL and restart, the same dedup id again, a listing and a receive. */
const sendsThenRestart: ReadonlyArray<Command> = [
  send("jobs", "v0"),
  send("jobs", "v1"),
  send("jobs", "v2"),
  send("orders.fifo", "v3", { group: "g0", dedupId: "d0" }),
  { _tag: "BrokerRestart" },
  send("orders.fifo", "v4", { group: "g0", dedupId: "d0" }),
  { _tag: "ObserverQueue", queue: "jobs" },
  receive("jobs", "c0")
]

describe("nats-jetstream: a SIGKILL of the server (BrokerRestart)", () => {
  it("file storage keeps every acknowledged send and its dedup id: 3 acknowledged sends, 3 left", async () => {
    const run = await script(targets.get("file")!, config, sendsThenRestart)
    expect(run.targetFailed).toBe(false)
    expect(run.actual[4]).toEqual({ _tag: "BrokerRestarted", clients: [] })
    expect(run.actual[5]).toEqual({ _tag: "Enqueued", queue: "orders.fifo", messageId: 3, deduplicated: true })
    expect(run.actual[6]).toMatchObject({ messages: [{ messageId: 0 }, { messageId: 1 }, { messageId: 2 }] })
    expect(idsOf(run.actual[7])).toEqual([0, 1, 2])
    console.log(`nats-jetstream file: 3 acknowledged sends before the SIGKILL, ${idsOf(run.actual[7]).length} left (restart and reconnect: ${Math.round(run.answerMsSlowest ?? 0)} ms)`)
  })

  it("memory storage loses the stream: 3 acknowledged sends, 0 left, the dedup id forgotten, and QueueNoLossUnderAtLeastOnce fails", async () => {
    const target = targets.get("memory")!
    const run = await script(target, config, sendsThenRestart)
    expect(run.targetFailed).toBe(false)
    // The stream itself is gone at the restart; the adapter creates it again, as an application does at start-up.
    expect(run.actual[5]).toEqual({ _tag: "Enqueued", queue: "orders.fifo", messageId: 4 })
    expect(run.actual[6]).toMatchObject({ _tag: "QueueListed", messages: [] })
    expect(idsOf(run.actual[7])).toEqual([])
    console.log(`nats-jetstream memory: 3 acknowledged sends before the SIGKILL, ${idsOf(run.actual[7]).length} left`)
    // With the standard drain, the checker names the first lost send; the dedup checker the forgotten id.
    const drained = await Effect.runPromise(runCommandsDrained(target, config, sendsThenRestart.slice(0, 6)))
    const history = historyOf(drained)
    expect(guaranteeCheckById("QueueNoLossUnderAtLeastOnce").always(history, config)?.message).toMatch(
      /at-least-once queue jobs enqueued message 0 at step 1, but no QueueProcessed names it by the end of the history/
    )
    expect(guaranteeCheckById("DeduplicationWindowSuppresses").always(history, config)?.message).toMatch(/should have been suppressed as a duplicate of message 3/)
  })

  for (const setting of ["file", "memory"] as const) {
    it(`${setting} storage: messages acknowledged just before the SIGKILL stay deleted or come back, never anything else`, async () => {
      // Two of three messages acknowledged (an ack that empties the stream moves its first sequence, which the file store writes at once).
      const run = await script(targets.get(setting)!, config, [
        send("jobs", "v0"),
        send("jobs", "v1"),
        send("jobs", "v2"),
        receive("jobs", "c0"),
        ...[0, 1].flatMap((receipt) => [process("c0", receipt), ack("c0", receipt)]),
        { _tag: "BrokerRestart" },
        advance(2_000),
        receive("jobs", "c1")
      ])
      expect(run.targetFailed).toBe(false)
      expect(idsOf(run.actual[3])).toEqual([0, 1, 2])
      for (const step of [5, 7]) expect(run.actual[step]).toMatchObject({ _tag: "Acknowledged", deleted: true })
      expect(run.actual[8]).toEqual({ _tag: "BrokerRestarted", clients: [{ queue: "jobs", consumer: "c0", receipts: [2] }] })
      const back = run.actual[10]
      expect(back._tag).toBe("Received")
      if (back._tag !== "Received") return
      for (const message of back.messages) expect(message.value).toBe(`v${message.messageId}`)
      const ids = back.messages.map((message) => message.messageId)
      // The unacknowledged message comes back with file storage, never with memory storage.
      expect(ids.includes(2)).toBe(setting === "file")
      if (setting === "memory") expect(ids).toEqual([])
      const again = ids.filter((id) => id !== 2)
      const visibility = guaranteeCheckById("VisibilityTimeoutRedelivers").always(historyOf(run), config)
      // A deleted message received again is what VisibilityTimeoutRedelivers reports; nothing else in this run can break it.
      expect(visibility === undefined).toBe(again.length === 0)
      console.log(
        `nats-jetstream ${setting}: 2 messages acknowledged (deleted: true) just before the SIGKILL, ${again.length} delivered again after it` +
          (again.length > 0 ? ` (${visibility?.message})` : "")
      )
    })
  }
})
