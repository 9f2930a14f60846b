import { describe, expect, it } from "vitest"
import type { Delivery, GroupView, MemberView } from "./driver.ts"
import { memberIdle } from "./driver.ts"
import { firstProcessableOf, hasProcessable, processableOf } from "./protocol.ts"

const delivery = (offset: number, cleared: boolean, partition = 0): Delivery => ({ topic: "t", partition, offset, epoch: 1, cleared })

const memberHolding = (buffer: ReadonlyArray<Delivery>): MemberView => ({ ...memberIdle("m0"), running: true, listed: true, epoch: 1, buffer })

const groupOf = (mode: GroupView["mode"], processingOrder: GroupView["processingOrder"], member: MemberView): GroupView => ({
  name: "g",
  mode,
  processingOrder,
  generation: 1,
  members: [member],
  failure: undefined
})

const offsetsOf = (deliveries: ReadonlyArray<Delivery>) => deliveries.map((d) => `${d.partition}@${d.offset}`)

describe("processableOf and the group's processing order", () => {
  const buffer = [delivery(3, false, 1), delivery(0, true), delivery(1, false), delivery(2, true)]
  const member = memberHolding(buffer)

  it("any: every buffered record under at-least-once, every cleared one under at-most-once", () => {
    expect(offsetsOf(processableOf(groupOf("at-least-once", "any", member), member))).toEqual(["1@3", "0@0", "0@1", "0@2"])
    expect(offsetsOf(processableOf(groupOf("at-most-once", "any", member), member))).toEqual(["0@0", "0@2"])
  })

  it("delivery: only the first of them, in buffer order (the oldest buffered; under at-most-once the oldest cleared)", () => {
    const alo = groupOf("at-least-once", "delivery", member)
    const amo = groupOf("at-most-once", "delivery", member)
    expect(offsetsOf(processableOf(alo, member))).toEqual(["1@3"])
    expect(offsetsOf(processableOf(amo, member))).toEqual(["0@0"])
    expect(firstProcessableOf(alo, member)).toBe(processableOf(alo, member)[0])
    expect(firstProcessableOf(amo, member)).toBe(processableOf(amo, member)[0])
  })

  it("delivery: nothing when the protocol lets nothing be processed (at-most-once passes over records no commit cleared)", () => {
    const uncleared = memberHolding([delivery(0, false), delivery(1, false)])
    const amo = groupOf("at-most-once", "delivery", uncleared)
    expect(processableOf(amo, uncleared)).toEqual([])
    expect(hasProcessable(amo, uncleared)).toBe(false)
    expect(processableOf(groupOf("at-least-once", "delivery", memberHolding([])), memberHolding([]))).toEqual([])
  })
})
