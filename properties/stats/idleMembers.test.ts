import { describe, expect, it } from "vitest"
import type { Config } from "../../spec/config.ts"
import { configDefault } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"
import type { TopicPartition } from "../../spec/record.ts"
import { formatIdleMembers } from "./formatPartitionFacts.ts"
import { idleMembersAdd, idleMembersInit, partitionCeilingOf } from "./idleMembers.ts"

const config: Config = {
  ...configDefault,
  topics: [{ name: "orders", partitions: 3 }, { name: "payments", partitions: 2 }],
  groups: [
    { name: "billing", mode: "at-least-once", assignor: "range", topics: ["orders", "payments"] },
    { name: "metrics", mode: "at-most-once", assignor: "round-robin", topics: ["orders", "payments"] }
  ]
}

const orders = (...partitions: Array<number>): Array<TopicPartition> => partitions.map((partition) => ({ topic: "orders", partition }))

const joined = (member: string, generation: number, assignment: ReadonlyArray<TopicPartition>): Response => ({
  _tag: "Joined",
  group: "billing",
  member,
  generation,
  assignment
})

const polled = (member: string, records: number): Response => ({
  _tag: "Polled",
  group: "billing",
  member,
  records: Array.from({ length: records }, (_, offset) => ({ topic: "orders", partition: 0, offset, producer: "p0", value: "v", timestampMs: 0 }))
})

/** Only the answers matter; the commands are there because a run has them. */
const runOf = (answers: ReadonlyArray<Response>) => ({
  commands: answers.map(() => ({ _tag: "ClockAdvance" as const, ms: 0 })),
  actual: answers
})

describe("partitionCeilingOf", () => {
  it("is the largest topic's partition count under range and all partitions under round-robin", () => {
    expect(config.groups.map((group) => partitionCeilingOf(config, group))).toEqual([3, 5])
    expect(configDefault.groups.map((group) => partitionCeilingOf(configDefault, group))).toEqual([3, 3])
  })
})

describe("idleMembersAdd", () => {
  it("counts a run in which a member was told it owns nothing while the group had more members than its ceiling", () => {
    const idle = idleMembersInit(config)
    idleMembersAdd(idle, config, runOf([
      joined("m0", 1, orders(0, 1, 2)),
      joined("m1", 2, orders(0)),
      joined("m2", 3, orders(0)),
      { _tag: "RebalanceInProgress", group: "billing", member: "m0", generation: 4, assignment: [] },
      // m0 was told it owns nothing with 3 members: not past the ceiling (a broken target's answer), not counted.
      joined("m3", 4, []),
      // m3 now: 4 members, ceiling 3.
      polled("m3", 0),
      polled("m3", 2),
      { _tag: "Crashed", group: "billing", member: "m3" },
      // After its crash m3's client knows no assignment: its polls are not an idle member's.
      polled("m3", 1),
      { _tag: "Left", group: "billing", member: "m0", generation: 5 },
      // m0's leaving frees a partition: m3, still a member after its crash, rejoins and takes it over.
      joined("m3", 6, orders(2)),
      joined("m3", 7, orders(2))
    ]))
    expect(idle.runs).toBe(1)
    expect(idle.groups[0]).toEqual({ group: "billing", ceiling: 3, runsIdle: 1, membersMax: 4, pollsIdle: 2, recordsDeliveredIdle: 2, takeovers: 1 })
    expect(idle.groups[1]).toEqual({ group: "metrics", ceiling: 5, runsIdle: 0, membersMax: 0, pollsIdle: 0, recordsDeliveredIdle: 0, takeovers: 0 })
  })

  it("forgets members that left or expired, so an empty assignment within the ceiling is not counted", () => {
    const idle = idleMembersInit(config)
    idleMembersAdd(idle, config, runOf([
      joined("m0", 1, orders(0, 1, 2)),
      joined("m1", 2, orders(0)),
      joined("m2", 3, orders(0)),
      { _tag: "Left", group: "billing", member: "m2", generation: 4 },
      { _tag: "ClockAdvanced", nowMs: 30_000, expired: [{ group: "billing", member: "m1" }], rebalanced: [{ group: "billing", generation: 5 }] },
      joined("m3", 6, []),
      joined("m3", 7, orders(1))
    ]))
    // m3 was never idle past the ceiling, so getting a partition is no takeover.
    expect(idle.groups[0]).toMatchObject({ runsIdle: 0, membersMax: 3, takeovers: 0 })
  })

  it("counts a member told it owns nothing of its subscribed topics, a heartbeat's answer too, and each run at most once", () => {
    const idle = idleMembersInit(config)
    const answers: Array<Response> = [
      joined("m0", 1, orders(0)),
      joined("m1", 2, orders(0)),
      joined("m2", 3, orders(0)),
      joined("m3", 4, orders(0)),
      { _tag: "HeartbeatOk", group: "billing", member: "m3", generation: 5, assignment: [{ topic: "unsubscribed", partition: 0 }] },
      { _tag: "HeartbeatOk", group: "billing", member: "m3", generation: 5, assignment: [] },
      // An idle member that expires is no standby any more: its later Joined is a new member's.
      { _tag: "ClockAdvanced", nowMs: 30_000, expired: [{ group: "billing", member: "m3" }], rebalanced: [{ group: "billing", generation: 6 }] },
      joined("m3", 7, orders(2))
    ]
    idleMembersAdd(idle, config, runOf(answers))
    idleMembersAdd(idle, config, runOf(answers.slice(0, 4)))
    expect([idle.runs, idle.groups[0].runsIdle, idle.groups[0].takeovers]).toEqual([2, 1, 0])
  })
})

describe("formatIdleMembers", () => {
  it("prints each group's idle runs, its most members and its ceiling, and records delivered to idle members if any", () => {
    const idle = idleMembersInit(config)
    idleMembersAdd(idle, config, runOf([joined("m0", 1, orders(0)), joined("m1", 2, orders(1)), joined("m2", 3, orders(2)), joined("m3", 4, []), polled("m3", 0)]))
    idleMembersAdd(idle, config, runOf([]))
    expect(formatIdleMembers(idle)).toBe(
      "idle members (told they own no partition: more members than partitions to give): " +
        "billing in 1 of 2 runs (4 members at most, 3 can be busy); metrics in 0 of 2 runs (0 members at most, 5 can be busy)"
    )
    idleMembersAdd(idle, config, runOf([joined("m0", 1, orders(0)), joined("m1", 2, orders(1)), joined("m2", 3, orders(2)), joined("m3", 4, []), polled("m3", 1)]))
    expect(formatIdleMembers(idle)).toContain("billing in 2 of 3 runs (4 members at most, 3 can be busy, yet 1 record was delivered to such a member)")
    const alone = idleMembersInit(config)
    idleMembersAdd(alone, config, runOf([joined("m0", 1, orders(0, 1, 2))]))
    expect(formatIdleMembers(alone)).toContain("billing in 0 of 1 run (1 member at most, 3 can be busy)")
  })
})
