import { describe, expect, it } from "vitest"
import { keysAlphabet } from "../../generate/keys.ts"
import { formatCommand } from "../command.ts"
import { formatResponse } from "../response.ts"
import { formatName, nameShownMax } from "./name.ts"

describe("formatName", () => {
  it("shows plain names as they are", () => {
    expect(["k0", "orders", "m-1", "v12", "a.b:c_d"].map(formatName)).toEqual(["k0", "orders", "m-1", "v12", "a.b:c_d"])
  })

  it("quotes empty, spaced, non-ASCII and separator-bearing names, escaping lone surrogates and controls", () => {
    expect(formatName("")).toBe('""')
    expect(formatName(" ")).toBe('" "')
    expect(formatName("é")).toBe('"é"')
    expect(formatName("\uD800")).toBe('"\\ud800"')
    expect(formatName("a\uD83D")).toBe('"a\\ud83d"')
    expect(formatName("k0\u0000")).toBe('"k0\\u0000"')
    expect(formatName("x\u202ey")).toBe('"x\\u202ey"')
    expect(formatName("a/b")).toBe('"a/b"')
    expect(formatName("key=1")).toBe('"key=1"')
  })

  it("cuts a long name on a code point boundary and says how long it was", () => {
    expect(formatName("k".repeat(300))).toBe(`"${"k".repeat(nameShownMax)}"… (300 characters)`)
    expect(formatName("😀".repeat(128))).toBe(`"${"😀".repeat(nameShownMax)}"… (256 characters)`)
  })

  it("keeps every awkward key of the generator's alphabet on one line, apart from the others", () => {
    const shown = keysAlphabet.map(formatName)
    expect(new Set(shown).size).toBe(keysAlphabet.length)
    for (const text of shown) {
      expect(text.startsWith('"')).toBe(true)
      expect(text).not.toMatch(/[\u0000-\u001f\ud800-\udfff]/u)
    }
  })
})

describe("program listings quote awkward names", () => {
  it("quotes a send's key, and the names of commands and answers", () => {
    expect(formatCommand({ _tag: "ProducerSend", producer: "p0", topic: "orders", key: "", value: "v0" })).toBe(
      'ProducerSend p0 -> orders key="" value=v0'
    )
    expect(formatCommand({ _tag: "ProducerSend", producer: "p0", topic: "orders", key: "\uDC00", value: "v1" })).toBe(
      'ProducerSend p0 -> orders key="\\udc00" value=v1'
    )
    expect(formatCommand({ _tag: "ProducerSend", producer: "p0", topic: "orders", key: "k1", value: "v2" })).toBe(
      "ProducerSend p0 -> orders key=k1 value=v2"
    )
    expect(formatCommand({ _tag: "ConsumerPoll", group: "my group", member: "m0", recordsMax: 2 })).toBe(
      'ConsumerPoll "my group"/m0 max=2'
    )
    expect(formatResponse({ _tag: "Sent", topic: "a b", partition: 0, offset: 3 })).toBe('Sent "a b"/0@3')
    expect(formatResponse({ _tag: "UnknownMember", group: "g", member: "" })).toBe('UnknownMember g/""')
  })
})
