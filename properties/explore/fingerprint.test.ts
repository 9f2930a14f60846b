import { describe, expect, it } from "vitest"
import { readConfigFile } from "../../cli/configFile.ts"
import { init, step } from "../../model/index.ts"
import { driverInit, driverObserve } from "../driver/index.ts"
import { exploreStates } from "./bfs.ts"
import { movesOf } from "./enumerate.ts"
import { hashOf } from "./fingerprint.ts"
import { FingerprintSet } from "./internal/fingerprintSet.ts"
import { FingerprintTable } from "./internal/fingerprintTable.ts"
import { StructuralHasher } from "./structuralHasher.ts"
import { structurallyEqual } from "./structurallyEqual.ts"

const singlePartition = readConfigFile("examples/configs/single-partition.json")

describe("the structural hash of explored states", () => {
  it("counts a persistent sequence as the elements of its window, whatever its backing array", () => {
    const shared = ["r0", "r1", "r2", "r3"]
    expect(hashOf({ items: shared, start: 1, end: 3 })).toBe(hashOf({ items: ["r1", "r2"], start: 0, end: 2 }))
    expect(hashOf({ items: shared, start: 1, end: 3 })).toBe(hashOf(["r1", "r2"]))
    expect(hashOf({ items: shared, start: 0, end: 3 })).not.toBe(hashOf({ items: shared, start: 1, end: 3 }))
  })

  it("leaves out undefined properties, keeps key order, map order and the kind of each value", () => {
    expect(hashOf({ a: 1, b: undefined })).toBe(hashOf({ a: 1 }))
    expect(hashOf({ a: 1, b: 2 })).not.toBe(hashOf({ b: 2, a: 1 }))
    expect(hashOf(new Map([["x", 1], ["y", 2]]))).not.toBe(hashOf(new Map([["y", 2], ["x", 1]])))
    expect(hashOf(new Map([["x", 1]]))).toBe(hashOf(new Map([["x", 1]])))
    expect(hashOf([1])).not.toBe(hashOf(["1"]))
    expect(hashOf([])).not.toBe(hashOf({}))
    expect(hashOf([[1, 2], [3]])).not.toBe(hashOf([[1], [2, 3]]))
    expect(hashOf(2 ** 40 + 5)).not.toBe(hashOf(5))
  })
})

describe("structural equality", () => {
  const shared = [{ offset: 0 }, { offset: 1 }, { offset: 2 }]
  const pairs: ReadonlyArray<readonly [unknown, unknown]> = [
    [{ items: shared, start: 1, end: 3 }, [{ offset: 1 }, { offset: 2 }]],
    [{ items: shared, start: 0, end: 3 }, { items: shared, start: 1, end: 3 }],
    [{ a: 1, b: undefined }, { a: 1 }],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }],
    [{ a: 1, b: 2 }, { a: 1, b: 2, c: 3 }],
    [new Map([["x", { n: 1 }]]), new Map([["x", { n: 1 }]])],
    [new Map([["x", 1], ["y", 2]]), new Map([["y", 2], ["x", 1]])],
    [new Set(["x", "y"]), new Set(["x", "y"])],
    [new Set(["x", "y"]), new Set(["y", "x"])],
    [[1], ["1"]],
    [[], {}],
    [NaN, NaN],
    [null, {}],
    [{ _tag: "Polled", records: [shared[0]] }, { _tag: "Polled", records: [{ offset: 0 }] }],
    [{ _tag: "Polled", records: [shared[0]] }, { _tag: "Polled", records: [shared[1]] }]
  ]

  it.each(pairs.map((pair, index) => [index, ...pair] as const))("agrees with the hash on pair %i", (_index, a, b) => {
    expect(structurallyEqual(a, b)).toBe(hashOf(a) === hashOf(b))
    expect(structurallyEqual(b, a)).toBe(hashOf(a) === hashOf(b))
  })
})

describe("hashing a step's successor against the state it was stepped from", () => {
  it("gives the hash of a hasher with no memory, for every move of every state within 3 commands", () => {
    const hasher = new StructuralHasher()
    let checked = 0
    exploreStates({ config: singlePartition, depthMax: 3, statesMax: 10_000 }, (_tree, _index, state, driver) => {
      expect(hasher.rememberModel(state)).toBe(new StructuralHasher().hashModel(state))
      for (const move of movesOf(driver, singlePartition)) {
        const transition = step(state, move.command)
        expect(hasher.hashModel(transition.state)).toBe(new StructuralHasher().hashModel(transition.state))
        expect(hasher.hash(transition.response)).toBe(hashOf(transition.response))
        const observed = driverObserve(driver, move.command, transition.response)
        expect(hasher.hashView(observed)).toBe(new StructuralHasher().hashView(observed))
        checked += 1
      }
    })
    expect(checked).toBe(18_745)
  })

  it("tells states apart by what changed, not by what was remembered", () => {
    const hasher = new StructuralHasher()
    const state0 = init(singlePartition)
    hasher.rememberModel(state0)
    const [send] = movesOf(driverInit(singlePartition), singlePartition)
    const sent = step(state0, send.command).state
    expect(hasher.hashModel(sent)).not.toBe(hasher.hashModel(state0))
    expect(hasher.hashModel(step(state0, send.command).state)).toBe(hasher.hashModel(sent))
  })
})

describe("the fingerprint tables", () => {
  const keys = [0, 1, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, 12_345_678_901]
  it("a set keeps every fingerprint once, across growth", () => {
    const set = new FingerprintSet(2)
    for (const key of keys) expect(set.add(key)).toBe(true)
    for (let i = 0; i < 1000; i++) set.add(i * 7_919 + 3)
    for (const key of keys) expect(set.add(key)).toBe(false)
    expect(set.size).toBe(keys.length + 1000)
  })

  it("a table keeps the first value of each fingerprint, across growth", () => {
    const table = new FingerprintTable(2)
    keys.forEach((key, index) => expect(table.setIfAbsent(key, index)).toBe(-1))
    for (let i = 0; i < 1000; i++) table.setIfAbsent(2 ** 40 + i, i)
    keys.forEach((key, index) => {
      expect(table.setIfAbsent(key, 99)).toBe(index)
      expect(table.get(key)).toBe(index)
    })
    expect(table.get(7)).toBe(-1)
    expect(table.size).toBe(keys.length + 1000)
  })
})
