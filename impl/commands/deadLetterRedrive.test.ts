import { describe, expect, it } from "vitest"
import type { Place } from "../failure/internal/testAnswers.ts"
import { deadLettered, processed } from "../failure/internal/testAnswers.ts"
import { advance, deadLetterRedrive, downstreamDown, downstreamUp, dump, join, poll, processRecord, send } from "../internal/testCommands.ts"
import { failing, run } from "../internal/testRun.ts"

/** Offset `offset` of partition `partition` of `s` for member `m` of `r`. */
const inS = (partition: number, offset: number): Place => ["r", "m", "s", partition, offset]
const attemptAt = ([group, member, topic, partition, offset]: Place) => processRecord(group, member, topic, partition, offset)
const place = (topic: string, partition: number, offset: number) => ({ topic, partition, offset })

/** `r` (one attempt) dead-letters `a` (key `a`, partition 0) and `k` (key `k0`, partition 1) while its downstream is down, and the poison `poison-u` (partition 0). */
const deadLetteredThree = [
  downstreamDown("r"),
  send("s", "a", "a"),
  send("s", "k", "k0"),
  send("s", "poison-u"),
  join("r", "m"),
  poll("r", "m"),
  attemptAt(inS(0, 0)),
  attemptAt(inS(1, 0)),
  attemptAt(inS(0, 1)),
  advance(10)
]

describe("DeadLetterRedrive", () => {
  it("appends every unredriven dead-letter record, in publishing order, to its source partition, as a plain record by dead-letter:<group>, once", async () => {
    const responses = await run([...deadLetteredThree, deadLetterRedrive("r"), deadLetterRedrive("r"), dump("s", 0), dump("s", 1)], failing)
    expect(responses.slice(6, 9)).toStrictEqual([
      deadLettered(inS(0, 0), "downstream", 1, ["rdlt", 0, 0]),
      deadLettered(inS(1, 0), "downstream", 1, ["rdlt", 0, 1]),
      deadLettered(inS(0, 1), "poison", 1, ["rdlt", 0, 2])
    ])
    expect(responses.slice(10)).toStrictEqual([
      {
        _tag: "DeadLettersRedriven",
        group: "r",
        records: [
          { deadLetter: place("rdlt", 0, 0), source: place("s", 0, 2) },
          { deadLetter: place("rdlt", 0, 1), source: place("s", 1, 1) },
          { deadLetter: place("rdlt", 0, 2), source: place("s", 0, 3) }
        ]
      },
      { _tag: "DeadLettersRedriven", group: "r", records: [] },
      {
        _tag: "Dumped",
        topic: "s",
        partition: 0,
        entries: [
          { _tag: "Data", offset: 0, producer: "p1", key: "a", value: "a", timestampMs: 0 },
          { _tag: "Data", offset: 1, producer: "p1", value: "poison-u", timestampMs: 0 },
          { _tag: "Data", offset: 2, producer: "dead-letter:r", key: "a", value: "a", timestampMs: 10 },
          { _tag: "Data", offset: 3, producer: "dead-letter:r", value: "poison-u", timestampMs: 10 }
        ],
        highWatermark: 4,
        lastStableOffset: 4
      },
      {
        _tag: "Dumped",
        topic: "s",
        partition: 1,
        entries: [
          { _tag: "Data", offset: 0, producer: "p1", key: "k0", value: "k", timestampMs: 0 },
          { _tag: "Data", offset: 1, producer: "dead-letter:r", key: "k0", value: "k", timestampMs: 10 }
        ],
        highWatermark: 2,
        lastStableOffset: 2
      }
    ])
  })

  it("the group processes redriven records once the downstream is back; a poison one is dead-lettered again and redriven again", async () => {
    const responses = await run([
      ...deadLetteredThree,
      deadLetterRedrive("r"),
      downstreamUp("r"),
      poll("r", "m"),
      attemptAt(inS(0, 2)),
      attemptAt(inS(0, 3)),
      attemptAt(inS(1, 1)),
      deadLetterRedrive("r")
    ], failing)
    expect(responses.slice(13)).toStrictEqual([
      processed(inS(0, 2)),
      deadLettered(inS(0, 3), "poison", 1, ["rdlt", 0, 3]),
      processed(inS(1, 1)),
      { _tag: "DeadLettersRedriven", group: "r", records: [{ deadLetter: place("rdlt", 0, 3), source: place("s", 0, 4) }] }
    ])
  })

  it("with nothing dead-lettered, answers no records", async () => {
    expect(await run([deadLetterRedrive("g")], failing)).toStrictEqual([{ _tag: "DeadLettersRedriven", group: "g", records: [] }])
  })

  it("1. UnknownGroup; 2. NoDeadLetterTopic unless the policy is retry-then-dead-letter", async () => {
    expect(await run([deadLetterRedrive("nope"), deadLetterRedrive("n"), deadLetterRedrive("plain")], failing)).toStrictEqual([
      { _tag: "UnknownGroup", group: "nope" },
      { _tag: "NoDeadLetterTopic", group: "n" },
      { _tag: "NoDeadLetterTopic", group: "plain" }
    ])
  })
})
