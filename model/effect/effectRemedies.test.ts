import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import type { Response } from "../../spec/response.ts"
import { clientOf, effectsOf, init, run, sinkOf, step } from "../index.ts"
import type { ModelState } from "../index.ts"
import { cmd, configEffects } from "../internal/testing.ts"

const s0 = init(configEffects)

/** Sends `values` (key k0) to `in`, then member a of `group` joins and polls them all. */
const delivered = (group: string, values: ReadonlyArray<string>): ModelState =>
  run(s0, [...values.map((value) => cmd.send("p", "in", value, "k0")), cmd.join(group, "a"), cmd.poll(group, "a", 10)]).state

/** Member a rejoins `group` after a crash and polls again (nothing was committed: from offset 0). */
const redeliver = (group: string): ReadonlyArray<Command> => [cmd.join(group, "a"), cmd.poll(group, "a", 10)]

const last = (responses: ReadonlyArray<Response>): Response => responses[responses.length - 1]
const processed = (group: string, offset: number, effect: unknown) => ({ _tag: "Processed", group, member: "a", topic: "in", partition: 0, offset, effect })
const crashed = (group: string, offset: number, effect: unknown) => ({ _tag: "ProcessCrashed", group, member: "a", topic: "in", partition: 0, offset, effect })

describe("the none remedy", () => {
  it("applies every processing, so a redelivery applies the effect again", () => {
    const { state, responses } = run(delivered("naive", ["v0", "v0"]), [cmd.process("naive", "a", "in", 0, 0), cmd.advance(5), cmd.process("naive", "a", "in", 0, 1)])
    expect(responses[0]).toEqual(processed("naive", 0, { outcome: "applied", id: "v0" }))
    expect(responses[2]).toEqual(processed("naive", 1, { outcome: "applied", id: "v0" }))
    expect(effectsOf(state, "naive")).toEqual({
      applied: [
        { id: "v0", entity: "k0", atMs: 0 },
        { id: "v0", entity: "k0", atMs: 5 }
      ],
      remembered: [],
      entities: []
    })
    expect(sinkOf(state, "naive").map((record) => record.offset)).toEqual([0, 1])
  })

  it("crashMidway: the effect is written, the record is not processed, the client is gone (as ConsumerCrash)", () => {
    const { state, responses } = run(delivered("naive", ["v0"]), [cmd.processCrash("naive", "a", "in", 0, 0), ...redeliver("naive"), cmd.process("naive", "a", "in", 0, 0)])
    expect(responses[0]).toEqual(crashed("naive", 0, { outcome: "applied", id: "v0" }))
    expect(effectsOf(state, "naive")!.applied.length).toBe(2)
    expect(sinkOf(state, "naive").length).toBe(1)
    const afterCrash = step(delivered("naive", ["v0"]), cmd.processCrash("naive", "a", "in", 0, 0)).state
    expect(clientOf(afterCrash, "naive", "a")).toBeUndefined()
    expect(sinkOf(afterCrash, "naive")).toEqual([])
  })
})

describe("the idempotency-key remedy", () => {
  it("skips an id it remembers: no write, the record still leaves the buffer for the sink", () => {
    const { state, responses } = run(delivered("ktfe", ["v0", "v0"]), [cmd.process("ktfe", "a", "in", 0, 0), cmd.process("ktfe", "a", "in", 0, 1)])
    expect(responses).toEqual([processed("ktfe", 0, { outcome: "applied", id: "v0" }), processed("ktfe", 1, { outcome: "skipped", id: "v0" })])
    expect(effectsOf(state, "ktfe")).toEqual({ applied: [{ id: "v0", entity: "k0", atMs: 0 }], remembered: [{ id: "v0", atMs: 0 }], entities: [] })
    expect(clientOf(state, "ktfe", "a")!.buffer).toEqual([])
    expect(sinkOf(state, "ktfe").length).toBe(2)
  })

  it("remembers an id until recordedAtMs + dedupWindowMs - 1, and no longer at recordedAtMs + dedupWindowMs (a skip does not refresh it)", () => {
    const start = run(delivered("atomic", ["v0", "v0", "v0"]), [cmd.advance(100), cmd.process("atomic", "a", "in", 0, 0)]).state
    // window 1,000 ms, recorded at 100: remembered through 1,099
    const before = run(start, [cmd.advance(999), cmd.effects("atomic"), cmd.process("atomic", "a", "in", 0, 1)])
    expect(before.responses[1]).toEqual({ _tag: "EffectsListed", group: "atomic", applied: [{ id: "v0", entity: "k0", atMs: 100 }], remembered: [{ id: "v0", atMs: 100 }], entities: [] })
    expect(last(before.responses)).toEqual(processed("atomic", 1, { outcome: "skipped", id: "v0" }))
    const at = run(before.state, [cmd.advance(1), cmd.effects("atomic"), cmd.process("atomic", "a", "in", 0, 2), cmd.effects("atomic")])
    expect(at.responses[1]).toEqual({ _tag: "EffectsListed", group: "atomic", applied: [{ id: "v0", entity: "k0", atMs: 100 }], remembered: [], entities: [] })
    expect(at.responses[2]).toEqual(processed("atomic", 2, { outcome: "applied", id: "v0" }))
    expect(at.responses[3]).toEqual({
      _tag: "EffectsListed",
      group: "atomic",
      applied: [
        { id: "v0", entity: "k0", atMs: 100 },
        { id: "v0", entity: "k0", atMs: 1100 }
      ],
      remembered: [{ id: "v0", atMs: 1100 }],
      entities: []
    })
  })

  it("without a window remembers forever", () => {
    const { responses } = run(delivered("etk", ["v0", "v0"]), [cmd.process("etk", "a", "in", 0, 0), cmd.advance(1_000_000_000), cmd.process("etk", "a", "in", 0, 1)])
    expect(last(responses)).toEqual(processed("etk", 1, { outcome: "skipped", id: "v0" }))
  })

  it("lists remembered ids by atMs, then id in plain string order", () => {
    const { responses } = run(delivered("ktfe", ["vb", "va", "vc"]), [
      cmd.process("ktfe", "a", "in", 0, 2),
      cmd.advance(1),
      cmd.process("ktfe", "a", "in", 0, 0),
      cmd.process("ktfe", "a", "in", 0, 1),
      cmd.effects("ktfe")
    ])
    expect(last(responses)).toMatchObject({ remembered: [{ id: "vc", atMs: 0 }, { id: "va", atMs: 1 }, { id: "vb", atMs: 1 }] })
  })

  it("atomic with crashMidway: effect and key both written, so the redelivery is skipped (applied once)", () => {
    const { state, responses } = run(delivered("atomic", ["v0"]), [cmd.processCrash("atomic", "a", "in", 0, 0), ...redeliver("atomic"), cmd.process("atomic", "a", "in", 0, 0)])
    expect(responses[0]).toEqual(crashed("atomic", 0, { outcome: "applied", id: "v0" }))
    expect(last(responses)).toEqual(processed("atomic", 0, { outcome: "skipped", id: "v0" }))
    expect(effectsOf(state, "atomic")!.applied.length).toBe(1)
  })

  it("key-then-effect with crashMidway: the key is remembered without its effect, the redelivery is skipped, the effect is lost", () => {
    const { state, responses } = run(delivered("ktfe", ["v0"]), [cmd.processCrash("ktfe", "a", "in", 0, 0), ...redeliver("ktfe"), cmd.process("ktfe", "a", "in", 0, 0)])
    expect(responses[0]).toEqual(crashed("ktfe", 0, { outcome: "key-recorded", id: "v0" }))
    expect(last(responses)).toEqual(processed("ktfe", 0, { outcome: "skipped", id: "v0" }))
    expect(effectsOf(state, "ktfe")).toEqual({ applied: [], remembered: [{ id: "v0", atMs: 0 }], entities: [] })
  })

  it("effect-then-key with crashMidway: the effect is applied without its key, the redelivery applies it again", () => {
    const { state, responses } = run(delivered("etk", ["v0"]), [cmd.processCrash("etk", "a", "in", 0, 0), cmd.effects("etk"), ...redeliver("etk"), cmd.process("etk", "a", "in", 0, 0)])
    expect(responses[0]).toEqual(crashed("etk", 0, { outcome: "applied", id: "v0" }))
    expect(responses[1]).toEqual({ _tag: "EffectsListed", group: "etk", applied: [{ id: "v0", entity: "k0", atMs: 0 }], remembered: [], entities: [] })
    expect(last(responses)).toEqual(processed("etk", 0, { outcome: "applied", id: "v0" }))
    expect(effectsOf(state, "etk")).toEqual({
      applied: [
        { id: "v0", entity: "k0", atMs: 0 },
        { id: "v0", entity: "k0", atMs: 0 }
      ],
      remembered: [{ id: "v0", atMs: 0 }],
      entities: []
    })
  })

  it("each write order without a crash applies once and remembers the id", () => {
    for (const group of ["atomic", "ktfe", "etk"]) {
      const { state } = run(delivered(group, ["v0"]), [cmd.process(group, "a", "in", 0, 0)])
      expect(effectsOf(state, group)).toEqual({ applied: [{ id: "v0", entity: "k0", atMs: 0 }], remembered: [{ id: "v0", atMs: 0 }], entities: [] })
    }
  })

  it("crashMidway on a skipped duplicate writes nothing before the process dies", () => {
    const ready = run(delivered("ktfe", ["v0", "v0"]), [cmd.process("ktfe", "a", "in", 0, 0)]).state
    const { state, response } = step(ready, cmd.processCrash("ktfe", "a", "in", 0, 1))
    expect(response).toEqual(crashed("ktfe", 1, { outcome: "skipped", id: "v0" }))
    expect(effectsOf(state, "ktfe")).toEqual(effectsOf(ready, "ktfe"))
    expect(clientOf(state, "ktfe", "a")).toBeUndefined()
  })
})

describe("groups without an effect", () => {
  it("answer Processed without effect, list three empty lists, and crash midway before any write", () => {
    const ready = run(s0, [cmd.send("p", "in", "v0"), cmd.join("plain", "a"), cmd.poll("plain", "a", 1)]).state
    expect(step(ready, cmd.process("plain", "a", "in", 0, 0)).response).toEqual({ _tag: "Processed", group: "plain", member: "a", topic: "in", partition: 0, offset: 0 })
    const crash = step(ready, cmd.processCrash("plain", "a", "in", 0, 0))
    expect(crash.response).toEqual({ _tag: "ProcessCrashed", group: "plain", member: "a", topic: "in", partition: 0, offset: 0 })
    expect(clientOf(crash.state, "plain", "a")).toBeUndefined()
    expect(step(ready, cmd.effects("plain")).response).toEqual({ _tag: "EffectsListed", group: "plain", applied: [], remembered: [], entities: [] })
    expect(step(ready, cmd.effects("nope")).response).toEqual({ _tag: "UnknownGroup", group: "nope" })
  })

  it("crashMidway still answers the checks first: NotDelivered leaves the client running", () => {
    const ready = delivered("naive", ["v0"])
    const { state, response } = step(ready, cmd.processCrash("naive", "a", "in", 0, 7))
    expect(response).toEqual({ _tag: "NotDelivered", group: "naive", member: "a", topic: "in", partition: 0, offset: 7 })
    expect(state).toBe(ready)
  })
})

describe("keyless records", () => {
  it("carry no entity in the ledger", () => {
    const ready = run(s0, [cmd.send("p", "in", "v0"), cmd.join("naive", "a"), cmd.poll("naive", "a", 1)]).state
    const { state } = step(ready, cmd.process("naive", "a", "in", 0, 0))
    expect(effectsOf(state, "naive")!.applied).toEqual([{ id: "v0", atMs: 0 }])
  })
})
