import { describe, expect, it } from "vitest"
import * as Fifo from "./fifo.ts"

describe("Fifo", () => {
  it("keeps entries in arrival order and removes the oldest, or any one, by position", () => {
    let fifo = Fifo.pushAll(Fifo.empty<string>(), ["a", "b", "c"])
    fifo = Fifo.pushAll(fifo, ["d"])
    expect(Fifo.toArray(fifo)).toStrictEqual(["a", "b", "c", "d"])
    expect(Fifo.indexWhere(fifo, (entry) => entry === "c")).toBe(2)
    expect(Fifo.indexWhere(fifo, (entry) => entry === "x")).toBe(-1)
    fifo = Fifo.removeAt(fifo, 0)
    expect(Fifo.toArray(fifo)).toStrictEqual(["b", "c", "d"])
    expect(Fifo.at(fifo, 1)).toBe("c")
    fifo = Fifo.removeAt(fifo, 1)
    expect(Fifo.toArray(fifo)).toStrictEqual(["b", "d"])
    expect(Fifo.size(fifo)).toBe(2)
  })

  it("finds the first of two equal entries", () => {
    const fifo = Fifo.removeAt(Fifo.pushAll(Fifo.empty<string>(), ["x", "a", "b", "a"]), 0)
    expect(Fifo.indexWhere(fifo, (entry) => entry === "a")).toBe(0)
  })

  it("never changes an older snapshot, whatever is done to a newer one", () => {
    const one = Fifo.pushAll(Fifo.empty<string>(), ["a", "b"])
    const popped = Fifo.removeAt(one, 0)
    const grown = Fifo.pushAll(popped, ["c"])
    const fork = Fifo.pushAll(one, ["x"])
    const middle = Fifo.removeAt(grown, 1)
    expect(Fifo.toArray(one)).toStrictEqual(["a", "b"])
    expect(Fifo.toArray(popped)).toStrictEqual(["b"])
    expect(Fifo.toArray(grown)).toStrictEqual(["b", "c"])
    expect(Fifo.toArray(fork)).toStrictEqual(["a", "b", "x"])
    expect(Fifo.toArray(middle)).toStrictEqual(["b"])
  })

  it("drops the removed front when it outgrows the live entries", () => {
    let fifo = Fifo.pushAll(Fifo.empty<number>(), [0, 1, 2, 3])
    for (let i = 0; i < 3; i++) fifo = Fifo.removeAt(fifo, 0)
    fifo = Fifo.pushAll(fifo, [4])
    expect(fifo.start).toBe(0)
    expect(fifo.entries).toStrictEqual([3, 4])
  })
})
