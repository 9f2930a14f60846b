import { describe, expect, it } from "vitest"
import { isResponseError } from "../../spec/response.ts"
import { conditionalUpdateStory, dedupOrderStory, doubleChargeStories, exactlyOnceEffectStory, lastAnswerOf, publishStory, type Story } from "./effectStories.ts"
import { appliedCountOf, committedEntriesOf, effectsSection } from "./effectsSection.ts"

const outcomes = (story: Story) =>
  story.responses.flatMap((r) => ((r._tag === "Processed" || r._tag === "ProcessCrashed") && r.effect !== undefined ? [r.effect.outcome] : []))

/** No step of a story is refused: each tells what it says it tells. */
const expectNoErrors = (story: Story, allowed: ReadonlyArray<string> = []) => {
  const errors = story.responses.filter((r) => isResponseError(r) && !allowed.includes(r._tag)).map((r) => r._tag)
  expect(errors, story.title).toEqual([])
}

describe("effect stories, as the model answers them", () => {
  it("exactly-once commits one invoice and charges twice", () => {
    const story = exactlyOnceEffectStory()
    expectNoErrors(story)
    expect(committedEntriesOf(story)).toBe(1)
    expect(appliedCountOf(story)).toBe(2)
  })
  it("the double charge: twice without a remedy, once with a 5-minute key, twice with a 5-second key", () => {
    const [none, long, short] = doubleChargeStories()
    for (const story of [none!, long!, short!]) expectNoErrors(story)
    expect([none, long, short].map((story) => appliedCountOf(story!))).toEqual([2, 1, 2])
    expect(outcomes(long!)).toEqual(["applied", "skipped"])
  })
  it("key-then-effect loses the charge; effect-then-key makes it twice", () => {
    const keyFirst = dedupOrderStory("key-then-effect")
    const effectFirst = dedupOrderStory("effect-then-key")
    expectNoErrors(keyFirst)
    expectNoErrors(effectFirst)
    expect(outcomes(keyFirst)).toEqual(["key-recorded", "skipped"])
    expect(appliedCountOf(keyFirst)).toBe(0)
    expect(outcomes(effectFirst)).toEqual(["applied", "applied"])
    expect(appliedCountOf(effectFirst)).toBe(2)
  })
  it("a conditional update rejects the redelivered versions", () => {
    const story = conditionalUpdateStory()
    expectNoErrors(story)
    expect(outcomes(story)).toEqual(["applied", "applied", "rejected", "rejected"])
    expect(lastAnswerOf(story, "EffectsListed").entities).toEqual([{ entity: "acct-1", version: 2, value: "balance=25" }])
  })
  it("the outbox publishes the committed event (twice, after a relay crash); the dual writes lose it or invent it", () => {
    const outbox = publishStory("outbox")
    expectNoErrors(outbox, ["OutboxEmpty"])
    expect(lastAnswerOf(outbox, "ServiceListed").rows.map((row) => row.event)).toEqual(["order-1-placed"])
    expect(lastAnswerOf(outbox, "Dumped").entries.filter((e) => e._tag === "Data").map((e) => e._tag === "Data" && e.value)).toEqual([
      "order-1-placed",
      "order-1-placed"
    ])
    const commitFirst = publishStory("commit-then-send")
    expect(lastAnswerOf(commitFirst, "ServiceListed").rows).toHaveLength(1)
    expect(lastAnswerOf(commitFirst, "Dumped").entries).toHaveLength(0)
    const sendFirst = publishStory("send-then-commit")
    expect(lastAnswerOf(sendFirst, "ServiceListed").rows).toHaveLength(0)
    expect(lastAnswerOf(sendFirst, "Dumped").entries).toHaveLength(1)
  })
  it("the section states the outcomes the stories produced", () => {
    const text = effectsSection().join("\n")
    expect(text).toContain("## Where exactly-once ends")
    expect(text).toContain("| no remedy | applied, applied | 2 |")
    expect(text).toContain("| idempotency key, 5-minute window | applied, skipped | 1 |")
    expect(text).toContain("| `send-then-commit` | 0 | 1 | a phantom: published, never committed |")
    expect(text).toContain("| `commit-then-send` | 1 | 0 | lost: committed, never published |")
  })
})
