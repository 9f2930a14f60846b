import { describe, expect, it } from "vitest"
import { downstreamSet, failed, processed } from "../failure/internal/testAnswers.ts"
import { downstreamDown, downstreamUp, join, poll, processRecord, send } from "../internal/testCommands.ts"
import { failing, run } from "../internal/testRun.ts"

describe("DownstreamDown and DownstreamUp", () => {
  it("1. UnknownGroup; 2. NoFailurePolicy for a group without a failure config", async () => {
    expect(await run([downstreamDown("nope"), downstreamUp("nope"), downstreamDown("plain"), downstreamUp("plain")], failing)).toStrictEqual([
      { _tag: "UnknownGroup", group: "nope" },
      { _tag: "UnknownGroup", group: "nope" },
      { _tag: "NoFailurePolicy", group: "plain" },
      { _tag: "NoFailurePolicy", group: "plain" }
    ])
  })

  it("3. sets the group's downstream (setting it as it is keeps it so); only that group's calls fail", async () => {
    const responses = await run([
      downstreamUp("n"),
      downstreamDown("n"),
      downstreamDown("n"),
      send("t", "a"),
      join("n", "m"),
      poll("n", "m"),
      join("g", "m"),
      poll("g", "m"),
      processRecord("g", "m", "t", 0, 0),
      processRecord("n", "m", "t", 0, 0),
      downstreamUp("n"),
      downstreamUp("n"),
      processRecord("n", "m", "t", 0, 0)
    ], failing)
    expect(responses.slice(0, 3)).toStrictEqual([downstreamSet("n", true), downstreamSet("n", false), downstreamSet("n", false)])
    expect(responses.slice(8)).toStrictEqual([
      processed(["g", "m", "t", 0, 0]),
      failed(["n", "m", "t", 0, 0], "downstream", 1),
      downstreamSet("n", true),
      downstreamSet("n", true),
      processed(["n", "m", "t", 0, 0])
    ])
  })
})
