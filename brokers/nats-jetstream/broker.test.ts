import { AckPolicy, connect, createInbox, type JetStreamManager, type Msg, type NatsConnection, nanos, RetentionPolicy, StorageType } from "nats"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type ManagedServer, startServer } from "../server/managedServer.ts"
import { ackRequest } from "./jetstream.ts"
import { pullNoWait } from "./pull.ts"
import { natsServerSpec } from "./server.ts"

// What nats-server 2.9 itself does, pinned with the client alone: the facts the profile's differences and
// notApplicable reasons rest on. If a server version changes one of them, this file says which.
let server: ManagedServer
let nc: NatsConnection
let jsm: JetStreamManager

const connectNow = async () => {
  nc = await connect({ servers: `${server.launch.host}:${server.launch.port}`, reconnect: false })
  jsm = await nc.jetstreamManager()
}

beforeAll(async () => {
  server = await startServer(natsServerSpec)
  await connectNow()
})

afterAll(async () => {
  await nc?.close().catch(() => undefined)
  await server?.stop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const encode = (text: string) => new TextEncoder().encode(text)
let streams = 0

/** A fresh work-queue stream with one subject and a durable pull consumer. */
const queue = async (storage: StorageType, consumer: { readonly ackWaitMs: number; readonly maxDeliver?: number }) => {
  const stream = `FACTS_${++streams}`
  const subject = `facts.${streams}`
  await jsm.streams.add({ name: stream, subjects: [subject], retention: RetentionPolicy.Workqueue, storage })
  await jsm.consumers.add(stream, {
    durable_name: "c",
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(consumer.ackWaitMs),
    max_deliver: consumer.maxDeliver ?? -1
  })
  const js = nc.jetstream()
  return {
    stream,
    publish: async (value: string) => (await js.publish(subject, encode(value))).seq,
    pull: (batch = 10) => pullNoWait(nc, stream, "c", batch),
    messages: async () => (await jsm.streams.info(stream)).state.messages
  }
}

/** A raw pull request: the status that ends it ("404", "408"), or "none" when the server sends nothing within `waitMs`. */
const pullStatus = (stream: string, request: object, waitMs: number): Promise<string> =>
  new Promise((resolve) => {
    const inbox = createInbox()
    const done = (status: string) => {
      clearTimeout(timer)
      subscription.unsubscribe()
      resolve(status)
    }
    const subscription = nc.subscribe(inbox, {
      callback: (_, msg) => {
        if (msg.data.length === 0 && msg.headers !== undefined && msg.headers.code > 0) done(String(msg.headers.code))
      }
    })
    const timer = setTimeout(() => done("none"), waitMs)
    nc.publish(`$JS.API.CONSUMER.MSG.NEXT.${stream}.c`, JSON.stringify(request), { reply: inbox })
  })

afterEach(async () => {
  for (const name of await jsm.streams.names().next()) await jsm.streams.delete(name).catch(() => undefined)
})

describe("nats-server 2.9, pinned at the client level", () => {
  it("past max_deliver a message is not delivered again and stays in the stream; the MAX_DELIVERIES advisory waits for the next pull", async () => {
    const q = await queue(StorageType.File, { ackWaitMs: 100, maxDeliver: 2 })
    await q.publish("m")
    expect((await q.pull()).map((m) => m.deliveryCount)).toEqual([1])
    await sleep(250)
    expect((await q.pull()).map((m) => m.deliveryCount)).toEqual([2])
    const advisories: Array<Msg> = []
    const subscription = nc.subscribe(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${q.stream}.c`, { callback: (_, msg) => advisories.push(msg) })
    await nc.flush()
    // Three ack waits after the last delivery ran out: no advisory yet, nothing moved anywhere.
    await sleep(400)
    expect(advisories).toEqual([])
    // The next pull finds the message past max_deliver on the redelivery queue: the advisory goes out then, and the
    // no-wait pull, counted as having a message pending, gets no answer at all (why the adapter does not use max_deliver).
    expect(await pullStatus(q.stream, { batch: 1, no_wait: true }, 500)).toBe("none")
    for (let i = 0; i < 100 && advisories.length === 0; i++) await sleep(10)
    expect(advisories.length).toBe(1)
    expect(JSON.parse(new TextDecoder().decode(advisories[0].data))).toMatchObject({ stream: q.stream, consumer: "c", stream_seq: 1, deliveries: 2 })
    expect(await q.messages()).toBe(1)
    expect((await jsm.consumers.info(q.stream, "c")).num_ack_pending).toBe(0)
    subscription.unsubscribe()
  })

  it("an ack from a stale delivery deletes the message; a nak from one makes the current delivery redeliverable at once", async () => {
    const q = await queue(StorageType.File, { ackWaitMs: 100 })
    await q.publish("a")
    await q.publish("b")
    const first = await q.pull()
    await sleep(250)
    const second = await q.pull()
    expect(second.map((m) => m.deliveryCount)).toEqual([2, 2])
    await ackRequest(nc, first[0].ackSubject, "+ACK")
    expect(await q.messages()).toBe(1)
    await ackRequest(nc, first[1].ackSubject, "-NAK")
    expect((await q.pull()).map((m) => [m.streamSeq, m.deliveryCount])).toEqual([[2, 3]])
  })

  it("a no-wait pull answers at once: 404 when nothing is deliverable, 408 after fewer messages than asked", async () => {
    const q = await queue(StorageType.Memory, { ackWaitMs: 5_000 })
    expect(await pullStatus(q.stream, { batch: 3, no_wait: true }, 2_000)).toBe("404")
    await q.publish("x")
    expect(await pullStatus(q.stream, { batch: 3, no_wait: true }, 2_000)).toBe("408")
    // With expires beside no_wait (what the client's fetch sends), an empty pull waits the whole expires instead.
    expect(await pullStatus(q.stream, { batch: 3, no_wait: true, expires: nanos(300) }, 100)).toBe("none")
  })

  it("a SIGKILL: file storage keeps what it acknowledged and can bring back what an ack deleted; a memory stream is gone", async () => {
    const file = await queue(StorageType.File, { ackWaitMs: 5_000 })
    const memory = await queue(StorageType.Memory, { ackWaitMs: 5_000 })
    for (const value of ["a", "b", "c"]) {
      await file.publish(value)
      await memory.publish(value)
    }
    const delivered = await file.pull()
    // Two of three deleted by acks (the third keeps the stream's first sequence from moving past them).
    await ackRequest(nc, delivered[0].ackSubject, "+ACK")
    await ackRequest(nc, delivered[1].ackSubject, "+ACK")
    expect(await file.messages()).toBe(1)
    await server.restart()
    await nc.close().catch(() => undefined)
    await connectNow()
    // The deletes had not reached the block's index file (written at most every 0.5 to 2 s): the records are back.
    expect(await file.messages()).toBe(3)
    await expect(jsm.streams.info(memory.stream)).rejects.toThrow(/stream not found/)
  })
})
