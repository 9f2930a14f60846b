import { describe, expect, it } from "vitest"
import { dump, sendLost } from "../internal/testCommands.ts"
import { run, transactional } from "../internal/testRun.ts"
import { duplicateOnTimeout } from "./duplicateOnTimeout.ts"

const scenario = [sendLost("t", "a", "plain"), sendLost("t", "b", "idem"), dump("t", 0)]
const highWatermark = (responses: ReadonlyArray<unknown>) => (responses.at(-1) as { readonly highWatermark: number }).highWatermark

describe("mutant:duplicate-on-timeout", () => {
  it("appends a plain producer's send whose acknowledgement is lost twice (an idempotent one's resend is recognised)", async () => {
    expect(highWatermark(await run(scenario, transactional))).toBe(2)
    const broken = await run(scenario, transactional, duplicateOnTimeout)
    expect(broken.slice(0, 2)).toStrictEqual([
      { _tag: "SendTimedOut", producer: "plain", topic: "t", partition: 0 },
      { _tag: "SendTimedOut", producer: "idem", topic: "t", partition: 0 }
    ])
    expect(highWatermark(broken)).toBe(3)
  })
})
