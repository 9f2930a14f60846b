import { describe, expect, it } from "vitest"
import { dump, producerCrash, retry, send, sendLost } from "../internal/testCommands.ts"
import { run, transactional } from "../internal/testRun.ts"

const sent = (offset: number, topic = "t", partition = 0) => ({ _tag: "Sent", topic, partition, offset })
const timedOut = (producer: string, topic = "t", partition = 0) => ({ _tag: "SendTimedOut", producer, topic, partition })
const data = (offset: number, producer: string, value: string, stamp?: readonly [number, number, number]) => ({
  _tag: "Data",
  offset,
  producer,
  value,
  timestampMs: 0,
  ...(stamp === undefined ? {} : { producerId: stamp[0], epoch: stamp[1], sequence: stamp[2] })
})
const dumped = (entries: ReadonlyArray<unknown>, highWatermark = entries.length) => ({
  _tag: "Dumped",
  topic: "t",
  partition: 0,
  entries,
  highWatermark,
  lastStableOffset: highWatermark
})

describe("ProducerSend and ProducerRetry", () => {
  it("answers SendTimedOut to a lost acknowledgement, and the record was appended all the same", async () => {
    expect(await run([sendLost("t", "a", "plain"), dump("t", 0)], transactional)).toStrictEqual([
      timedOut("plain"),
      dumped([data(0, "plain", "a")])
    ])
  })

  it("1. answers NothingToRetry without a pending send, and after a later send dropped it", async () => {
    expect(await run([retry("plain"), sendLost("t", "a", "plain"), send("t", "b", undefined, "plain"), retry("plain")], transactional))
      .toStrictEqual([
        { _tag: "NothingToRetry", producer: "plain" },
        timedOut("plain"),
        sent(1),
        { _tag: "NothingToRetry", producer: "plain" }
      ])
  })

  it("3. an idempotent retry is recognised: the original offset, nothing appended; the pending send is cleared", async () => {
    expect(await run([sendLost("t", "a", "idem"), retry("idem", true), retry("idem"), retry("idem"), dump("t", 0)], transactional))
      .toStrictEqual([
        timedOut("idem"),
        timedOut("idem"),
        sent(0),
        { _tag: "NothingToRetry", producer: "idem" },
        dumped([data(0, "idem", "a", [0, 0, 0])])
      ])
  })

  it("3. a plain producer's retry is appended again (the two generals duplicate), lost acknowledgement or not", async () => {
    expect(await run([sendLost("t", "a", "plain"), retry("plain", true), retry("plain"), dump("t", 0)], transactional))
      .toStrictEqual([
        timedOut("plain"),
        timedOut("plain"),
        sent(2),
        dumped([data(0, "plain", "a"), data(1, "plain", "a"), data(2, "plain", "a")])
      ])
  })

  it("5. an idempotent producer gets its id at its first send, numbers its sends per partition, and a new id after a crash", async () => {
    const responses = await run([
      send("t", "a", undefined, "idem"),
      send("u", "x", undefined, "idem"),
      send("t", "b", undefined, "idem"),
      producerCrash("idem"),
      send("t", "c", undefined, "idem"),
      dump("t", 0)
    ], transactional)
    expect(responses[3]).toStrictEqual({ _tag: "ProducerCrashed", producer: "idem" })
    expect(responses.at(-1)).toStrictEqual(dumped([
      data(0, "idem", "a", [0, 0, 0]),
      data(1, "idem", "b", [0, 0, 1]),
      data(2, "idem", "c", [1, 0, 0])
    ]))
  })

  it("ProducerCrash is answered for a producer that never did anything", async () => {
    expect(await run([producerCrash("nobody")], transactional)).toStrictEqual([{ _tag: "ProducerCrashed", producer: "nobody" }])
  })

  it("a producer the config does not name is plain, exactly as before producers were configurable", async () => {
    expect(await run([sendLost("t", "a", "p9"), retry("p9"), dump("t", 0)], transactional)).toStrictEqual([
      timedOut("p9"),
      sent(1),
      dumped([data(0, "p9", "a"), data(1, "p9", "a")])
    ])
  })
})
