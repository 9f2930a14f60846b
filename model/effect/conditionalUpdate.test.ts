import { describe, expect, it } from "vitest"
import { effectsOf, init, run, step } from "../index.ts"
import type { ModelState } from "../index.ts"
import { cmd, configEffects } from "../internal/testing.ts"

const s0 = init(configEffects)

/** `in` holds a1/k0, a2/k0, then a1/k0 twice (a send whose ack was lost, and its retry); cas member a joined and polled them. */
const ready: ModelState = run(s0, [
  cmd.send("p", "in", "a1", "k0"),
  cmd.send("p", "in", "a2", "k0"),
  cmd.sendLost("p", "in", "a1", "k0"),
  cmd.retry("p"),
  cmd.join("cas", "a"),
  cmd.poll("cas", "a", 10)
]).state

const process = (state: ModelState, offsets: ReadonlyArray<number>) => run(state, offsets.map((offset) => cmd.process("cas", "a", "in", 0, offset)))
const effectOf = (response: unknown) => (response as { readonly effect?: unknown }).effect

describe("the conditional-update remedy", () => {
  // offsets 4, 5, 6: a3/k0, b1/k1, n (no key)
  const full = run(ready, [cmd.send("p", "in", "a3", "k0"), cmd.send("p", "in", "b1", "k1"), cmd.send("p", "in", "n"), cmd.poll("cas", "a", 10)]).state

  it("stamps each key's messages with the rank of their value among the key's values, a retried duplicate with its original's version", () => {
    const { state, responses } = process(full, [0, 3, 1, 4, 5, 6])
    expect(responses.map(effectOf)).toEqual([
      { outcome: "applied", id: "a1", version: 1, entityVersion: 0 },
      { outcome: "rejected", id: "a1", version: 1, entityVersion: 1 },
      { outcome: "applied", id: "a2", version: 2, entityVersion: 1 },
      { outcome: "applied", id: "a3", version: 3, entityVersion: 2 },
      { outcome: "applied", id: "b1", version: 1, entityVersion: 0 },
      { outcome: "applied", id: "n" }
    ])
    expect(effectsOf(state, "cas")).toEqual({
      applied: [
        { id: "a1", entity: "k0", atMs: 0 },
        { id: "a2", entity: "k0", atMs: 0 },
        { id: "a3", entity: "k0", atMs: 0 },
        { id: "b1", entity: "k1", atMs: 0 },
        { id: "n", atMs: 0 }
      ],
      remembered: [],
      entities: [
        { entity: "k0", version: 3, value: "a3" },
        { entity: "k1", version: 1, value: "b1" }
      ]
    })
  })

  it("rejects out-of-order messages (nothing changes), and applies them once their predecessor is in", () => {
    const first = process(full, [1, 4, 0])
    expect(first.responses.map(effectOf)).toEqual([
      { outcome: "rejected", id: "a2", version: 2, entityVersion: 0 },
      { outcome: "rejected", id: "a3", version: 3, entityVersion: 0 },
      { outcome: "applied", id: "a1", version: 1, entityVersion: 0 }
    ])
    expect(effectsOf(first.state, "cas")!.entities).toEqual([{ entity: "k0", version: 1, value: "a1" }])
    // the member crashes and the records come again (nothing was committed)
    const again = run(first.state, [cmd.crash("cas", "a"), cmd.join("cas", "a"), cmd.poll("cas", "a", 10), ...[1, 4, 0].map((o) => cmd.process("cas", "a", "in", 0, o))])
    expect(again.responses.slice(3).map(effectOf)).toEqual([
      { outcome: "applied", id: "a2", version: 2, entityVersion: 1 },
      { outcome: "applied", id: "a3", version: 3, entityVersion: 2 },
      { outcome: "rejected", id: "a1", version: 1, entityVersion: 3 }
    ])
  })

  it("lists entities by entity (plain string order), not by update order", () => {
    const { state } = process(full, [5, 0])
    expect(effectsOf(state, "cas")!.entities).toEqual([
      { entity: "k0", version: 1, value: "a1" },
      { entity: "k1", version: 1, value: "b1" }
    ])
  })

  it("crashMidway after the compare-and-set: the update stays, a rejected one changed nothing", () => {
    const applied = run(full, [cmd.processCrash("cas", "a", "in", 0, 0)])
    expect(applied.responses[0]).toEqual({ _tag: "ProcessCrashed", group: "cas", member: "a", topic: "in", partition: 0, offset: 0, effect: { outcome: "applied", id: "a1", version: 1, entityVersion: 0 } })
    expect(effectsOf(applied.state, "cas")!.entities).toEqual([{ entity: "k0", version: 1, value: "a1" }])
    const rejected = step(full, cmd.processCrash("cas", "a", "in", 0, 1))
    expect(effectOf(rejected.response)).toEqual({ outcome: "rejected", id: "a2", version: 2, entityVersion: 0 })
    expect(effectsOf(rejected.state, "cas")).toEqual({ applied: [], remembered: [], entities: [] })
  })

  it("computes versions from each state's own log: two branches of one state stamp the same value differently", () => {
    const base = run(s0, [cmd.send("p", "in", "a1", "k0"), cmd.join("cas", "a")]).state
    const branchA = run(base, [cmd.send("p", "in", "a2", "k0"), cmd.poll("cas", "a", 10), cmd.process("cas", "a", "in", 0, 1)])
    const branchB = run(base, [cmd.send("p", "in", "a3", "k0"), cmd.send("p", "in", "a2", "k0"), cmd.poll("cas", "a", 10), cmd.process("cas", "a", "in", 0, 2)])
    expect(effectOf(branchA.responses[2])).toEqual({ outcome: "rejected", id: "a2", version: 2, entityVersion: 0 })
    expect(effectOf(branchB.responses[3])).toEqual({ outcome: "rejected", id: "a2", version: 3, entityVersion: 0 })
    // and again from the first branch, after the second extended the index
    const branchA2 = run(base, [cmd.send("p", "in", "a2", "k0"), cmd.poll("cas", "a", 10), cmd.process("cas", "a", "in", 0, 1)])
    expect(branchA2.responses).toEqual(branchA.responses)
  })
})
