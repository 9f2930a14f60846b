import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { builtinTarget } from "../../impl/index.ts"
import type { Command } from "../../spec/command.ts"
import { configDefault } from "../../spec/config.ts"
import { traceVersion, type Trace } from "../../spec/trace.ts"
import { runCommands } from "../run.ts"
import { decodeTraceText, encodeTraceText } from "../trace/traceFile.ts"
import { keyClasses, keyClassOf, keyIndexAlphabetFrom, keyOfIndex, keysAlphabet } from "./keys.ts"

const config = configDefault

/** Every alphabet key and a hot key sent to every topic by one producer. */
const sends: ReadonlyArray<Command> = [...keysAlphabet, "k0"].flatMap((key, i) =>
  config.topics.map((topic): Command => ({ _tag: "ProducerSend", producer: "p0", topic: topic.name, key, value: `v${i}` }))
)

describe("keyClassOf", () => {
  it("names the most telling feature of a key", () => {
    expect(keyClassOf(undefined)).toBe("none")
    expect(keyClassOf("")).toBe("empty")
    expect(keyClassOf("k3")).toBe("hot")
    expect(keyClassOf("k0\u0000")).toBe("ASCII")
    expect(keyClassOf("é")).toBe("non-ASCII")
    expect(keyClassOf("x".repeat(300))).toBe("long")
    expect(keyClassOf("🔑")).toBe("astral")
    expect(keyClassOf("\uD800")).toBe("lone surrogate")
    expect(keyClassOf("a\uDC00b")).toBe("lone surrogate")
    expect(keyClassOf("🔑\uD800")).toBe("lone surrogate")
  })
})

describe("the key alphabet", () => {
  it("has a key of every class but none and hot, each key once", () => {
    const classes = new Set(keysAlphabet.map(keyClassOf))
    expect(keyClasses.filter((c) => !classes.has(c))).toEqual(["none", "hot"])
    expect(new Set(keysAlphabet).size).toBe(keysAlphabet.length)
  })

  it("is reached from the top quarter of key indexes; lower indexes pick the hot set", () => {
    expect(keyOfIndex(0, 4)).toBe("k0")
    expect(keyOfIndex(keyIndexAlphabetFrom - 1, 4)).toBe(`k${(keyIndexAlphabetFrom - 1) % 4}`)
    const reached = new Set(Array.from({ length: 500 - keyIndexAlphabetFrom }, (_, i) => keyOfIndex(keyIndexAlphabetFrom + i, 4)))
    expect([...reached].sort()).toEqual([...keysAlphabet].sort())
  })

  it("survives a trace file byte for byte (lone surrogates included)", async () => {
    const run = await Effect.runPromise(runCommands(builtinTarget, config, sends))
    const trace: Trace = {
      format: "qsem-trace",
      version: traceVersion,
      target: "builtin",
      seed: 0,
      path: "",
      config,
      commands: run.commands,
      expected: run.expected,
      actual: run.actual,
      verdict: { _tag: "Diverged", step: 0, message: "a round trip" }
    }
    const text = encodeTraceText(trace)
    expect(text).toContain("\\ud800")
    const decoded = await Effect.runPromise(decodeTraceText(text, "keys"))
    expect(decoded.commands).toEqual(sends)
    expect(encodeTraceText(decoded)).toBe(text)
  })

  it("partitions alike on the model and the built-in broker (utf8 as TextEncoder: a lone surrogate is U+FFFD)", async () => {
    const run = await Effect.runPromise(runCommands(builtinTarget, config, sends))
    expect(run.divergence).toBeUndefined()
    const partitionOf = (key: string) => {
      const index = sends.findIndex((c) => c._tag === "ProducerSend" && c.key === key)
      const response = run.actual[index]
      return response._tag === "Sent" ? response.partition : -1
    }
    // Lone surrogates encode as the bytes of U+FFFD, so they share its partition.
    for (const lone of ["\uD800", "\uDC00"]) expect(partitionOf(lone)).toBe(partitionOf("\uFFFD"))
  })
})
