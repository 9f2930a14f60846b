import { describe, expect, it } from "vitest"
import { answerAgainst, answerCharactersMax, answerDepthMax, plainAnswer, plainData } from "./plainAnswer.ts"

const sent = { _tag: "Sent", topic: "orders", partition: 0, offset: 1 }

const nested = (depth: number): unknown => {
  let value: unknown = 0
  for (let i = 0; i < depth; i++) value = { next: value }
  return value
}

describe("plainAnswer", () => {
  it("copies a Response into fresh plain data, dropping properties set to undefined", () => {
    const polled = {
      _tag: "Polled",
      group: "billing",
      member: "a",
      records: [{ topic: "orders", partition: 0, offset: 0, producer: "p", key: undefined, value: "v", timestampMs: 0 }]
    }
    const plain = plainAnswer(polled)
    expect(plain._tag).toBe("Plain")
    if (plain._tag !== "Plain") return
    expect(plain.response).toEqual(polled)
    expect(plain.response).not.toBe(polled)
    expect("key" in (plain.response as typeof polled).records[0]).toBe(false)
    expect((plain.response as typeof polled).records).not.toBe(polled.records)
  })

  it("reads a getter once and keeps what it returned", () => {
    let reads = 0
    const answer = { ...sent, get offset() { return ++reads } }
    const plain = plainAnswer(answer)
    expect(plain).toEqual({ _tag: "Plain", response: { ...sent, offset: 1 } })
    expect(reads).toBe(1)
  })

  it("refuses a BigInt, a function (a toJSON among them) and a symbol, naming where", () => {
    expect(plainAnswer({ ...sent, offset: 1n })).toEqual({ _tag: "NotAResponse", reason: "a BigInt at offset" })
    expect(plainAnswer({ ...sent, toJSON: () => "x" })).toEqual({ _tag: "NotAResponse", reason: "a function at toJSON" })
    expect(plainAnswer({ ...sent, topic: Symbol("t") })).toEqual({ _tag: "NotAResponse", reason: "a symbol at topic" })
  })

  it("quotes a key that is not a plain name where it names a place, so the key cannot move the terminal's cursor", () => {
    expect(plainAnswer({ ...sent, "\u001b[2J\nx": 1n })).toEqual({ _tag: "NotAResponse", reason: "a BigInt at [\"\\u001b[2J\\nx\"]" })
    expect(plainAnswer({ ...sent, meta: { "a b": 1n } })).toEqual({ _tag: "NotAResponse", reason: "a BigInt at meta[\"a b\"]" })
  })

  it("never calls toJSON or toString", () => {
    class Answer {
      readonly _tag = "Sent"
      readonly topic = "orders"
      readonly partition = 0
      readonly offset = 1
      toJSON(): never {
        throw new Error("toJSON called")
      }
    }
    expect(plainAnswer(new Answer())).toEqual({ _tag: "Plain", response: sent })
  })

  it("turns a throwing getter, a throwing Proxy and a revoked Proxy into a reason", () => {
    const getter = { ...sent, get partition(): number { throw new Error("boom") } }
    expect(plainAnswer(getter)).toEqual({ _tag: "NotAResponse", reason: "inspecting it threw Error: boom" })
    const trap = new Proxy(sent, { ownKeys: () => { throw new RangeError("no keys") } })
    expect(plainAnswer(trap)).toEqual({ _tag: "NotAResponse", reason: "inspecting it threw RangeError: no keys" })
    const colours = { ...sent, get offset(): number { throw new Error("\u001b[31mred\r\u0000") } }
    expect(plainAnswer(colours)).toEqual({ _tag: "NotAResponse", reason: "inspecting it threw Error: \\u001b[31mred\\r\\u0000" })
    const { proxy, revoke } = Proxy.revocable(sent, {})
    revoke()
    const revoked = plainAnswer(proxy)
    expect(revoked._tag).toBe("NotAResponse")
    const hostileError = new Proxy({}, { getPrototypeOf: () => { throw new Error("again") } })
    const throwsHostile = { ...sent, get offset(): number { throw hostileError } }
    expect(plainAnswer(throwsHostile)).toEqual({ _tag: "NotAResponse", reason: "inspecting it threw an object that cannot be printed" })
  })

  it("refuses cycles, deep nesting and huge arrays without recursing or looping", () => {
    const cyclic: Record<string, unknown> = { ...sent }
    cyclic.self = cyclic
    expect(plainAnswer(cyclic)).toEqual({ _tag: "NotAResponse", reason: "a circular reference at self" })
    expect(plainAnswer({ ...sent, deep: nested(200_000) })).toEqual({
      _tag: "NotAResponse",
      reason: `nesting deeper than ${answerDepthMax} levels at deep${".next".repeat(answerDepthMax - 1)}`
    })
    expect(plainAnswer({ _tag: "Polled", group: "g", member: "m", records: new Array(2 ** 32 - 1) })).toEqual({
      _tag: "NotAResponse",
      reason: "an array of 4294967295 elements at records"
    })
    const many = { _tag: "Polled", group: "g", member: "m", records: Array.from({ length: 600_000 }, () => ({ p: 0 })) }
    expect(plainAnswer(many)).toEqual({ _tag: "NotAResponse", reason: "more than 1,000,000 values" })
  })

  it("refuses an answer of more than 1 MiB of text, in its strings or in its property names", () => {
    const records = (length: number) => Array.from({ length: 1000 }, (_, offset) => ({ topic: "orders", partition: 0, offset, producer: "p", key: "k".repeat(length), value: "v", timestampMs: 0 }))
    expect(plainAnswer({ _tag: "Polled", group: "g", member: "m", records: records(300) })._tag).toBe("Plain")
    expect(plainAnswer({ ...sent, topic: "x".repeat(answerCharactersMax + 1) })).toEqual({
      _tag: "NotAResponse",
      reason: "more than 1,048,576 characters of text in all (the last of them at topic)"
    })
    expect(plainAnswer({ _tag: "Polled", group: "g", member: "m", records: records(1100) })).toEqual({
      _tag: "NotAResponse",
      reason: "more than 1,048,576 characters of text in all (the last of them at records[907].key)"
    })
    expect(plainData({ ["k".repeat(answerCharactersMax + 1)]: 1 })).toEqual({
      _tag: "NotPlain",
      reason: `more than 1,048,576 characters of text in all (the last of them at [${JSON.stringify("k".repeat(200))}… (1,048,577 characters)])`
    })
  })

  it("lets an answer checked against the model's be as large as the model's answer, and 1 MiB of text or 1,000,000 values more", () => {
    // A poll of a long run's backlog: 20,000 records, about 1.5 MiB of text and 180,000 values.
    const backlog = (keyOf: (offset: number) => string) => ({
      _tag: "Polled" as const,
      group: "g",
      member: "m",
      records: Array.from({ length: 20_000 }, (_, offset) => ({ topic: "orders", partition: 0, offset, producer: "p", key: keyOf(offset), value: "v", timestampMs: 0 }))
    })
    const model = backlog(() => "k")
    expect(answerAgainst(backlog(() => "k"), model)).toEqual({ _tag: "Same" })
    expect(plainAnswer(backlog(() => "k"))._tag).toBe("NotAResponse")
    const longerKeys = answerAgainst(backlog(() => "k".repeat(50)), model)
    expect(longerKeys).toMatchObject({ _tag: "Plain", equal: false })
    const modelText = JSON.stringify(model).length
    expect(answerAgainst(backlog(() => "k".repeat(60)), model)).toEqual({
      _tag: "NotPlain",
      reason: expect.stringMatching(/^more than 2,[0-9]{3},[0-9]{3} characters of text in all \(the last of them at records\[[0-9]+\]\.\w+\)$/)
    })
    expect(modelText).toBeGreaterThan(answerCharactersMax)
    const tooMany = { ...model, records: [...model.records, ...Array.from({ length: 150_000 }, () => ({ p: 0, q: 0, r: 0, s: 0, t: 0, u: 0 }))] }
    expect(answerAgainst(tooMany, model)).toEqual({ _tag: "NotPlain", reason: "more than 1,160,005 values" }) // the model's 160,005 and 1,000,000
  })

  it("says why plain data is not a Response, on one line", () => {
    const plain = plainAnswer({ _tag: "Sent", topic: "orders", partition: -1, offset: 0 })
    expect(plain._tag).toBe("NotAResponse")
    if (plain._tag !== "NotAResponse") return
    expect(plain.reason).toMatch(/^\{"_tag":"Sent","topic":"orders","partition":-1,"offset":0\} \(.+\)$/)
    expect(plain.reason).not.toMatch(/\n/)
    expect(plainAnswer(undefined)).toEqual({ _tag: "NotAResponse", reason: "undefined (not an object with a _tag)" })
    expect(plainAnswer({ _tag: "Sendt" })).toEqual({ _tag: "NotAResponse", reason: "{\"_tag\":\"Sendt\"} (no response is tagged \"Sendt\")" })
  })
})

describe("plainData", () => {
  it("copies any plain value, not only Responses", () => {
    expect(plainData({ a: [1, "x", null, { b: true }] })).toEqual({ _tag: "Plain", value: { a: [1, "x", null, { b: true }] } })
    expect(plainData(nested(answerDepthMax))._tag).toBe("Plain")
    expect(plainData(nested(answerDepthMax + 1))._tag).toBe("NotPlain")
  })
})
