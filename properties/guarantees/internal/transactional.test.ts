import { describe, expect, it } from "vitest"
import { HistoryBuilder } from "./historyBuilder.ts"
import { showsTransactions } from "./transactional.ts"

describe("showsTransactions", () => {
  it("is false for a history of plain sends and consumers, true once a producer feature shows", () => {
    const b = new HistoryBuilder().send("orders/0@0").join("billing", "a", 1, ["orders/0"]).poll("billing", "a", ["orders/0@0"])
    expect(showsTransactions(b.history)).toBe(false)
    b.sendTimedOut("orders/0", { producer: "lp", value: "x" })
    expect(showsTransactions(b.history)).toBe(true)
    expect(showsTransactions(new HistoryBuilder().init("tp", 0, 0).history)).toBe(true)
    expect(showsTransactions(new HistoryBuilder().advanceTimingOut(1, 1, []).history)).toBe(true)
    expect(showsTransactions(new HistoryBuilder().dump("orders/0", []).history)).toBe(true)
  })
})
