/**
 * The crash scenario, per persistence setting: acknowledged sends, an
 * acknowledgement and a message in flight, a burst of sends right before a
 * SIGKILL of redis-server, then a restart from the data directory. Reported
 * as Jepsen does: which acknowledged sends are gone, under which setting.
 *
 * What it shows: what each setting keeps across a kill of the process. What
 * it does not: an OS crash or a power loss, which would also drop the page
 * cache (where `appendfsync everysec` keeps up to a second of written but
 * not yet fsynced AOF); a process kill cannot show that loss.
 */
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import { guaranteeCheckById } from "../../properties/guarantees/index.ts"
import { historyOf, runCommandsDrained, type Run } from "../../properties/run.ts"
import type { Command } from "../../spec/command.ts"
import { aofWritePostponedLine, type RedisSetting } from "./server.ts"
import { makeRedisStreamsTarget, type RedisStreamsTarget } from "./target.ts"

const config = exampleConfig("brokers/redis-streams")
const burst = 40

/** Before the kill: 3 sends to jobs (0 processed and acknowledged, 1 in flight at c1, 2 visible), then a burst of sends to emails. */
const scenario: ReadonlyArray<Command> = [
  { _tag: "QueueSend", sender: "p0", queue: "jobs", value: "a" },
  { _tag: "QueueSend", sender: "p0", queue: "jobs", value: "b" },
  { _tag: "QueueSend", sender: "p0", queue: "jobs", value: "c" },
  { _tag: "QueueReceive", queue: "jobs", consumer: "c0", messagesMax: 1 },
  { _tag: "QueueProcess", queue: "jobs", consumer: "c0", receipt: 0 },
  { _tag: "QueueAck", queue: "jobs", consumer: "c0", receipt: 0 },
  { _tag: "QueueReceive", queue: "jobs", consumer: "c1", messagesMax: 1 },
  ...Array.from({ length: burst }, (_, i): Command => ({ _tag: "QueueSend", sender: "p1", queue: "emails", value: `e${i}` })),
  { _tag: "BrokerRestart" },
  { _tag: "ObserverQueue", queue: "jobs" },
  { _tag: "ObserverQueue", queue: "emails" },
  { _tag: "QueueReceive", queue: "jobs", consumer: "c2", messagesMax: 3 }
]
const restartStep = scenario.findIndex((command) => command._tag === "BrokerRestart")

/** What survived: the acknowledged sends, those processed before the kill, those the listings after it hold, and the rest (lost). */
const survivalOf = (result: Run) => {
  const sent: Array<number> = []
  const processed = new Set<number>()
  for (let step = 0; step < restartStep; step++) {
    const answer = result.actual[step]
    if (answer._tag === "Enqueued") sent.push(answer.messageId)
    if (answer._tag === "QueueProcessed") processed.add(answer.messageId)
  }
  const listed = new Set<number>()
  for (const answer of result.actual.slice(restartStep + 1, restartStep + 3)) {
    if (answer._tag === "QueueListed") for (const entry of answer.messages) listed.add(entry.messageId)
  }
  const lost = sent.filter((id) => !processed.has(id) && !listed.has(id))
  return { sent: sent.length, kept: sent.length - lost.length, lost }
}

const withServer = (setting: RedisSetting, body: (target: () => RedisStreamsTarget) => void) =>
  describe(`redis-streams:${setting}, SIGKILL and restart`, () => {
    let target: RedisStreamsTarget
    beforeAll(async () => {
      target = makeRedisStreamsTarget(setting)
      await target.prepare()
    })
    afterAll(async () => {
      await target?.close()
    })
    body(() => target)
  })

const run = (target: RedisStreamsTarget): Promise<Run> => Effect.runPromise(runCommandsDrained(target, config, scenario))

for (const setting of ["aof-always", "aof-everysec"] as const) {
  withServer(setting, (target) => {
    it(`keeps every acknowledged send, the acknowledgement and the message in flight (${3 + burst} of ${3 + burst} sends kept)`, async () => {
      const result = await run(target())
      expect(result.targetFailed).toBe(false)
      expect(survivalOf(result)).toEqual({ sent: 3 + burst, kept: 3 + burst, lost: [] })
      // Answer for answer the model's, the restart and the drain included: message 0 stays deleted,
      // message 1 stays in flight until 2000 ms (its pending entry's delivery time survived), message 2 is visible.
      expect(result.divergence).toBeUndefined()
      expect(result.actual[restartStep]).toEqual({
        _tag: "BrokerRestarted",
        clients: [{ queue: "jobs", consumer: "c0", receipts: [] }, { queue: "jobs", consumer: "c1", receipts: [1] }]
      })
      expect(result.actual[restartStep + 1]).toMatchObject({
        messages: [{ messageId: 1, receiveCount: 1, receipt: 1, inFlightUntilMs: 2000 }, { messageId: 2, receiveCount: 0 }]
      })
      expect(result.actual[restartStep + 3]).toMatchObject({ messages: [{ messageId: 2 }] })
      expect(guaranteeCheckById("QueueNoLossUnderAtLeastOnce").always(historyOf(result), config)).toBeUndefined()
      expect(target().restartTimesMs.length).toBeGreaterThan(0)
      // Redis logged no 2-second postponement of an AOF write behind a slow fsync (the way everysec can lose acknowledged writes to a process kill).
      expect(target().serverOutput()).not.toContain(aofWritePostponedLine)
      expect(target().serverOutput()).toContain("Ready to accept connections")
    })
  })
}

withServer("rdb", (target) => {
  it(`loses every acknowledged send not processed before the kill (only the processed one of ${3 + burst} sends is accounted for)`, async () => {
    const result = await run(target())
    expect(result.targetFailed).toBe(false)
    const survival = survivalOf(result)
    expect(survival.kept).toBe(1)
    expect(survival.lost).toEqual(Array.from({ length: 2 + burst }, (_, i) => i + 1))
    expect(result.actual[restartStep + 1]).toMatchObject({ messages: [] })
    expect(result.actual[restartStep + 3]).toMatchObject({ messages: [] })
    // The first answer that differs from the model's is the listing right after the restart.
    expect(result.divergence?.step).toBe(restartStep + 1)
    const violation = guaranteeCheckById("QueueNoLossUnderAtLeastOnce").always(historyOf(result), config)
    expect(violation?.message).toMatch(/^at-least-once queue jobs enqueued message 1 at step 2, but no QueueProcessed names it/)
  })
})
