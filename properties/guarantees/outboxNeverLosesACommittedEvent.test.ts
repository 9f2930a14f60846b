import { describe, expect, it } from "vitest"
import { configDefault, guaranteeById } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { configEffects } from "./internal/configEffects.ts"
import { dataEntry, HistoryBuilder } from "./internal/historyBuilder.ts"
import { outboxNeverLosesACommittedEvent as check } from "./outboxNeverLosesACommittedEvent.ts"

const published = (offset: number, event: string) => dataEntry(offset, { producer: "service:shop", key: "k", value: event })

/** shop commits e1; its relay crashes after sending it, then sends it again and marks it; the drain finds the outbox empty. */
const relayedTwice = () =>
  new HistoryBuilder()
    .serviceWrite("shop", "e1", { key: "k" })
    .relay("shop", "e1", "events/0@0", true)
    .relay("shop", "e1", "events/0@1")
    .outboxEmpty("shop")

const listed = (b: HistoryBuilder) => b.serviceListed("shop", [{ event: "e1", key: "k", atMs: 0 }], [{ event: "e1", key: "k", published: true }])

describe("OutboxNeverLosesACommittedEvent", () => {
  it("holds and is witnessed when a relay crash between send and mark publishes the event again", () => {
    const b = listed(relayedTwice().dump("events/0", [published(0, "e1"), published(1, "e1")]))
    expect(check.undrainedOf?.(b.history, configEffects)).toEqual(new Map())
    expect(check.always(b.history, configEffects)).toBeUndefined()
    expect(check.sometimes(b.history, configEffects)).toBe(true)
  })

  it("does not witness a relay that never crashed", () => {
    const b = listed(new HistoryBuilder().serviceWrite("shop", "e1", { key: "k" }).relay("shop", "e1", "events/0@0").outboxEmpty("shop").dump("events/0", [published(0, "e1")]))
    expect(check.always(b.history, configEffects)).toBeUndefined()
    expect(check.sometimes(b.history, configEffects)).toBe(false)
  })

  it("is violated when a committed event is in no record of the topic after the drain", () => {
    const b = listed(new HistoryBuilder().serviceWrite("shop", "e1", { key: "k" }).outboxEmpty("shop").dump("events/0", []))
    expect(check.always(b.history, configEffects)).toEqual({
      step: 3,
      message: "outbox service shop committed event \"e1\" at step 1, but by the end of the history no record of events holds it"
    })
  })

  it("does not judge a service whose drain is not shown, and says why", () => {
    const noEmpty = listed(new HistoryBuilder().serviceWrite("shop", "e1", { key: "k" }).dump("events/0", []))
    expect(check.undrainedOf?.(noEmpty.history, configEffects)).toEqual(
      new Map([["shop", "no RelayPublish of service shop answered OutboxEmpty after its last write (step 1)"]])
    )
    expect(check.always(noEmpty.history, configEffects)).toBeUndefined()
    const noListing = new HistoryBuilder().serviceWrite("shop", "e1", { key: "k" }).outboxEmpty("shop").dump("events/0", [])
    expect(check.undrainedOf?.(noListing.history, configEffects).get("shop")).toBe("no ObserverService lists service shop after its last write or relay (step 1)")
    const noDump = listed(relayedTwice())
    expect(check.undrainedOf?.(noDump.history, configEffects).get("shop")).toBe("no dump of events/0 shows it whole after its last append")
  })

  it("is n/a without an outbox service", () => {
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configEffects)).toBeUndefined()
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configDefault)).toBe("needs a service with publish \"outbox\"; the config has none")
  })
})
