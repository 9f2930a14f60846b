import * as fs from "node:fs"
import * as path from "node:path"
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import { boundsDefault, Config, configDefault } from "./config.ts"
import { Trace } from "./trace.ts"

const root = path.resolve(import.meta.dirname, "..")
const tracesDir = path.join(root, "traces/mutants")

const fileConfig = {
  topics: [{ name: "events", partitions: 1 }],
  groups: [{ name: "reader", mode: "at-least-once", assignor: "range", topics: ["events"] }],
  sessionTimeoutMs: 30000
}

describe("Config decoding", () => {
  it("fills in the default bounds when a file leaves them out", () => {
    expect(Schema.decodeUnknownSync(Config)(fileConfig).bounds).toEqual(boundsDefault)
  })
  it("fills in each bound a file leaves out", () => {
    const decoded = Schema.decodeUnknownSync(Config)({ ...fileConfig, bounds: { commandsMax: 7 } })
    expect(decoded.bounds).toEqual({ ...boundsDefault, commandsMax: 7 })
  })
  it("encodes every bound, and leaves out witnessesOptional when there is none", () => {
    const encoded = Schema.encodeSync(Config)(Schema.decodeUnknownSync(Config)(fileConfig))
    expect(Object.keys(encoded)).toEqual(["topics", "groups", "sessionTimeoutMs", "bounds"])
    expect(encoded.bounds).toEqual(boundsDefault)
  })
  it("keeps witnessesOptional and refuses an unknown guarantee in it", () => {
    const decoded = Schema.decodeUnknownSync(Config)({ ...fileConfig, witnessesOptional: ["AssignmentIsExclusive"] })
    expect(decoded.witnessesOptional).toEqual(["AssignmentIsExclusive"])
    expect(() => Schema.decodeUnknownSync(Config)({ ...fileConfig, witnessesOptional: ["Nope"] })).toThrow(/witnessesOptional/)
  })
  it("configDefault uses the default bounds", () => {
    expect(configDefault.bounds).toEqual(boundsDefault)
  })
})

describe("trace files written before bounds had defaults", () => {
  const files = fs.readdirSync(tracesDir).filter((file) => file.endsWith(".json"))
  it("there are some", () => {
    expect(files.length).toBeGreaterThan(0)
  })
  for (const file of files) {
    it(`${file} decodes and encodes back to the same bytes`, () => {
      const text = fs.readFileSync(path.join(tracesDir, file), "utf8")
      const trace = Schema.decodeUnknownSync(Trace)(JSON.parse(text))
      expect(`${JSON.stringify(Schema.encodeSync(Trace)(trace), null, 2)}\n`).toBe(text)
    })
  }
})
