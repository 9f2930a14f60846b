import { describe, expect, it } from "vitest"
import { configDefault, guaranteeById } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { configEffects } from "./internal/configEffects.ts"
import { dataEntry, HistoryBuilder } from "./internal/historyBuilder.ts"
import { outboxNeverPublishesAnUncommittedEvent as check } from "./outboxNeverPublishesAnUncommittedEvent.ts"

const published = (offset: number, event: string) => dataEntry(offset, { producer: "service:shop", key: "k", value: event })
const row = (event: string) => ({ event, key: "k", atMs: 0 })

/** shop commits e1, crashes inside the transaction of e2, relays e1; the drain empties the outbox, dumps events and lists shop. */
const crashedInside = () =>
  new HistoryBuilder()
    .serviceWrite("shop", "e1", { key: "k" })
    .serviceCrash("shop", "e2", false, { key: "k" })
    .relay("shop", "e1", "events/0@0")
    .outboxEmpty("shop")
    .dump("events/0", [published(0, "e1")])

describe("OutboxNeverPublishesAnUncommittedEvent", () => {
  it("holds and is witnessed when a crash inside the outbox transaction leaves neither row nor event", () => {
    const b = crashedInside().serviceListed("shop", [row("e1")], [{ event: "e1", key: "k", published: true }])
    expect(check.always(b.history, configEffects)).toBeUndefined()
    expect(check.sometimes(b.history, configEffects)).toBe(true)
  })

  it("does not witness a crashed event that was written again later, nor one whose drain is not shown", () => {
    const rewritten = crashedInside().serviceWrite("shop", "e2", { key: "k" }).relay("shop", "e2", "events/0@1").outboxEmpty("shop")
      .dump("events/0", [published(0, "e1"), published(1, "e2")]).serviceListed("shop", [row("e1"), row("e2")])
    expect(check.always(rewritten.history, configEffects)).toBeUndefined()
    expect(check.sometimes(rewritten.history, configEffects)).toBe(false)
    expect(check.sometimes(crashedInside().history, configEffects)).toBe(false)
  })

  it("is violated by a relay of an event no ServiceWritten answer committed before it", () => {
    const b = new HistoryBuilder().serviceCrash("shop", "e2", false, { key: "k" }).relay("shop", "e2", "events/0@0")
    expect(check.always(b.history, configEffects)).toEqual({
      step: 1,
      message: "outbox service shop's relay published event \"e2\", but no ServiceWritten answer committed it before (step 2)"
    })
  })

  it("is violated by a listing after a relay that lacks the relayed event", () => {
    const b = new HistoryBuilder().serviceWrite("shop", "e1", { key: "k" }).relay("shop", "e1", "events/0@0").serviceListed("shop", [])
    expect(check.always(b.history, configEffects)).toEqual({
      step: 2,
      message: "outbox service shop's business rows (ServiceListed at step 3) lack event \"e1\", which its relay published at step 2"
    })
  })

  it("is violated, on a drained service, by a dumped record of its producer that was never committed or is no business row", () => {
    const invented = crashedInside().dump("events/0", [published(0, "e1"), published(1, "e9")]).serviceListed("shop", [row("e1")])
    expect(check.always(invented.history, configEffects)).toEqual({
      step: 6,
      message: "events/0@1, a record of outbox service shop's producer, holds event \"e9\", which no ServiceWritten answer committed"
    })
    const unlisted = crashedInside().serviceListed("shop", [])
    expect(check.always(unlisted.history, configEffects)?.message).toBe(
      "outbox service shop's business rows (ServiceListed at step 6) lack event \"e1\", which its relay published at step 3"
    )
  })

  it("is n/a without an outbox service", () => {
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configEffects)).toBeUndefined()
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configDefault)).toBe("needs a service with publish \"outbox\"; the config has none")
  })
})
