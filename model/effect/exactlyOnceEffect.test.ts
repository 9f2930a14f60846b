import { describe, expect, it } from "vitest"
import type { Config } from "../../spec/config.ts"
import { clientOf, committedOf, effectsOf, entriesOf, init, producerClientOf, run, step } from "../index.ts"
import type { ModelState } from "../index.ts"
import { cmd, configEffects } from "../internal/testing.ts"

/** Member a of `eos` (effect `none`, output `out`) polled v0 from `in`, its producer initialized and its transaction begun. */
const readyOn = (config: Config): ModelState =>
  run(init(config), [cmd.send("p", "in", "v0", "k0"), cmd.join("eos", "a"), cmd.init("eos/a"), cmd.poll("eos", "a", 10), cmd.begin("eos/a")]).state
const ready = readyOn(configEffects)

/** The member rejoins, reinitializes its producer (aborting what it left open), polls and processes again, then commits the transaction with its offsets. */
const again = [
  cmd.join("eos", "a"),
  cmd.init("eos/a"),
  cmd.poll("eos", "a", 10),
  cmd.begin("eos/a"),
  cmd.process("eos", "a", "in", 0, 0),
  cmd.sendOffsets("eos/a", "eos", "a", [{ topic: "in", partition: 0, offset: 1 }]),
  cmd.txnCommit("eos/a")
]

/** The results in `out` whose transaction committed (the first marker after a record closes its transaction: one producer writes `out`). */
const committedResults = (state: ModelState) => {
  const entries = entriesOf(state, "out", 0)
  return entries.filter((entry) => {
    if (entry._tag !== "Data") return false
    const marker = entries.find((m) => m._tag === "Marker" && m.offset > entry.offset)
    return marker?._tag === "Marker" && marker.control === "commit"
  })
}

describe("exactly-once with an external effect", () => {
  it("processing writes the effect, then sends the result in the transaction", () => {
    const { response } = step(ready, cmd.process("eos", "a", "in", 0, 0))
    expect(response).toEqual({
      _tag: "Processed",
      group: "eos",
      member: "a",
      topic: "in",
      partition: 0,
      offset: 0,
      output: { topic: "out", partition: 0, offset: 0 },
      effect: { outcome: "applied", id: "v0" }
    })
  })

  it("a crash between the effect and the result (crashMidway) applies the effect twice while one result commits", () => {
    const { state, responses } = run(ready, [cmd.processCrash("eos", "a", "in", 0, 0), ...again])
    expect(responses[0]).toEqual({ _tag: "ProcessCrashed", group: "eos", member: "a", topic: "in", partition: 0, offset: 0, effect: { outcome: "applied", id: "v0" } })
    expect(effectsOf(state, "eos")!.applied.map((effect) => effect.id)).toEqual(["v0", "v0"])
    expect(committedResults(state).length).toBe(1)
    expect(committedOf(state, "eos", "in", 0)).toBe(1)
  })

  it("crashMidway kills the member's producer too, as ConsumerCrash does", () => {
    const { state } = step(ready, cmd.processCrash("eos", "a", "in", 0, 0))
    expect(clientOf(state, "eos", "a")).toBeUndefined()
    expect(producerClientOf(state, "eos/a").producerId).toBeUndefined()
    expect(entriesOf(state, "out", 0)).toEqual([])
  })

  it("a crash after processing and before the commit: the result aborts, the effect stays, the retry applies it again", () => {
    const { state } = run(ready, [cmd.process("eos", "a", "in", 0, 0), cmd.crash("eos", "a"), ...again])
    expect(effectsOf(state, "eos")!.applied.length).toBe(2)
    expect(entriesOf(state, "out", 0).map((entry) => (entry._tag === "Marker" ? entry.control : "data"))).toEqual(["data", "abort", "data", "commit"])
    expect(committedResults(state).length).toBe(1)
  })

  it("the producer checks come before the effect: a refused processing writes nothing and keeps the record", () => {
    const notBegun = run(init(configEffects), [cmd.send("p", "in", "v0"), cmd.join("eos", "a"), cmd.init("eos/a"), cmd.poll("eos", "a", 10)]).state
    for (const command of [cmd.process("eos", "a", "in", 0, 0), cmd.processCrash("eos", "a", "in", 0, 0)]) {
      const { state, response } = step(notBegun, command)
      expect(response).toEqual({ _tag: "TransactionNotOpen", producer: "eos/a" })
      expect(effectsOf(state, "eos")!.applied).toEqual([])
      expect(clientOf(state, "eos", "a")!.buffer.length).toBe(1)
    }
    // a zombie: the coordinator aborted its transaction on timeout and bumped the epoch
    const zombie = run(ready, [cmd.send("p", "in", "v1", "k0"), cmd.poll("eos", "a", 10), cmd.process("eos", "a", "in", 0, 0), cmd.advance(11_000)]).state
    const fenced = step(zombie, cmd.process("eos", "a", "in", 0, 1))
    expect(fenced.response).toEqual({ _tag: "ProducerFenced", producer: "eos/a" })
    expect(effectsOf(fenced.state, "eos")!.applied.map((effect) => effect.id)).toEqual(["v0"])
    expect(clientOf(fenced.state, "eos", "a")!.buffer.map((record) => record.value)).toEqual(["v1"])
    expect(producerClientOf(fenced.state, "eos/a").fenced).toBe(true)
  })

  it("a skipped duplicate's first write is the result send: crashMidway sends it, then the process dies", () => {
    const config: Config = {
      ...configEffects,
      groups: configEffects.groups.map((group) => (group.name === "eos" ? { ...group, effect: { remedy: "idempotency-key" as const } } : group))
    }
    const start = run(readyOn(config), [cmd.send("p", "in", "v0", "k0"), cmd.poll("eos", "a", 10), cmd.process("eos", "a", "in", 0, 0)]).state
    const { state, response } = step(start, cmd.processCrash("eos", "a", "in", 0, 1))
    expect(response).toEqual({
      _tag: "ProcessCrashed",
      group: "eos",
      member: "a",
      topic: "in",
      partition: 0,
      offset: 1,
      output: { topic: "out", partition: 0, offset: 1 },
      effect: { outcome: "skipped", id: "v0" }
    })
    expect(effectsOf(state, "eos")!.applied.length).toBe(1)
    expect(clientOf(state, "eos", "a")).toBeUndefined()
  })
})
