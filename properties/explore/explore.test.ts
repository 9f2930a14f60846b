import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { readConfigFile } from "../../cli/configFile.ts"
import type { Target } from "../../impl/target.ts"
import { init, step } from "../../model/index.ts"
import type { Command } from "../../spec/command.ts"
import type { ModelState } from "../../model/index.ts"
import { driverInit, driverObserve } from "../driver/index.ts"
import { decodeChoice } from "../generate/index.ts"
import { exampleConfig } from "../exampleConfigs.ts"
import { modelTarget } from "../modelTarget.ts"
import { replayTrace } from "../replay/replayTrace.ts"
import { decodeTraceText, encodeTraceText } from "../trace/traceFile.ts"
import { exploreStates } from "./bfs.ts"
import { movesOf } from "./enumerate.ts"
import { explore } from "./explore.ts"
import { pathOf } from "./stateTree.ts"
import { structurallyEqual } from "./structurallyEqual.ts"

const singlePartition = readConfigFile("examples/configs/single-partition.json")

/** A model that acknowledges every send and keeps nothing of it: a loss under at-least-once. */
const forgetfulStep = (state: ModelState, command: Command) => {
  const transition = step(state, command)
  return command._tag === "ProducerSend" ? { state, response: transition.response } : transition
}

const forgetfulTarget: Target = {
  name: "forgetful",
  open: (config) =>
    Effect.sync(() => {
      let state = init(config)
      return {
        execute: (command) =>
          Effect.sync(() => {
            const transition = forgetfulStep(state, command)
            state = transition.state
            return transition.response
          })
      }
    })
}

describe("the commands of a view", () => {
  it("are every distinct command the generator decodes at the start of single-partition.json", () => {
    const moves = movesOf(driverInit(singlePartition), singlePartition)
    expect(moves.map((move) => JSON.stringify(move.command))).toEqual([
      `{"_tag":"ProducerSend","producer":"p0","topic":"events","value":"v0"}`,
      `{"_tag":"ProducerSend","producer":"p0","topic":"events","key":"k0","value":"v0"}`,
      `{"_tag":"ProducerSend","producer":"p0","topic":"events","key":"k1","value":"v0"}`,
      `{"_tag":"ProducerSend","producer":"p0","topic":"events","key":"k2","value":"v0"}`,
      `{"_tag":"ProducerSend","producer":"p0","topic":"events","key":"k3","value":"v0"}`,
      `{"_tag":"GroupJoin","group":"reader","member":"m0"}`,
      `{"_tag":"ClockAdvance","ms":0}`,
      `{"_tag":"ClockAdvance","ms":10020}`,
      `{"_tag":"ClockAdvance","ms":40000}`,
      `{"_tag":"ProducerSend","producer":"p0","topic":"unknown-topic","value":"v0"}`,
      `{"_tag":"GroupJoin","group":"unknown-group","member":"m0"}`,
      `{"_tag":"ConsumerPoll","group":"unknown-group","member":"m0","recordsMax":1}`,
      `{"_tag":"ConsumerPoll","group":"reader","member":"m0","recordsMax":1}`,
      `{"_tag":"ConsumerHeartbeat","group":"reader","member":"m0"}`,
      `{"_tag":"ConsumerCommit","group":"reader","member":"m0","offsets":[]}`,
      `{"_tag":"GroupLeave","group":"reader","member":"m0"}`,
      `{"_tag":"ConsumerCrash","group":"reader","member":"m0"}`,
      `{"_tag":"ConsumerProcess","group":"reader","member":"m0","topic":"events","partition":0,"offset":0}`,
      `{"_tag":"ConsumerSeek","group":"reader","member":"m0","topic":"events","partition":0,"offset":0}`
    ])
  })

  it("each decode from their choice in every state within 3 commands, with no command twice", () => {
    let moves = 0
    exploreStates({ config: singlePartition, depthMax: 3, statesMax: 10_000 }, (_tree, _index, _state, driver) => {
      const seen = new Set<string>()
      for (const move of movesOf(driver, singlePartition)) {
        const key = JSON.stringify(move.command)
        expect(JSON.stringify(decodeChoice(driver, singlePartition, move.choice))).toBe(key)
        expect(seen.has(key)).toBe(false)
        seen.add(key)
        moves += 1
      }
    })
    // The moves of the states within 3 commands are the transitions of the exploration to depth 4.
    expect(moves).toBe(18_745)
  })
})

describe("the explored tree", () => {
  it("keeps each state's view as the answers along its path give it, and its path's answers as the model gives them", () => {
    const found = exploreStates({ config: singlePartition, depthMax: 3, statesMax: 10_000 })
    for (let index = 0; index < found.states; index++) {
      const path = pathOf(found.tree, index)
      let state = init(singlePartition)
      let driver = driverInit(singlePartition)
      path.commands.forEach((command, at) => {
        expect(command).toEqual(decodeChoice(driver, singlePartition, path.choices[at]))
        const transition = step(state, command)
        expect(path.responses[at]).toEqual(transition.response)
        state = transition.state
        driver = driverObserve(driver, command, transition.response)
      })
      expect(path.commands.length).toBe(found.tree.depthOf(index))
      expect(structurallyEqual(found.tree.viewOf(index), driver)).toBe(true)
    }
  })
})

describe("the state counts of the shipped small configs", () => {
  // A change of the model, the driver or the generator shows up here as a changed count (as TLA+ manifests pin them).
  it.each([
    [0, 1, 0],
    [1, 10, 19],
    [2, 90, 208],
    [3, 798, 1_998],
    [4, 7_181, 18_745],
    [5, 65_839, 178_215]
  ])("single-partition.json at depth %i: %i states, %i transitions", (depthMax, states, transitions) => {
    const found = exploreStates({ config: singlePartition, depthMax, statesMax: 1_000_000 })
    expect([found.states, found.transitions, found.depthReached, found.truncated, found.exhausted]).toEqual([
      states,
      transitions,
      depthMax,
      false,
      false
    ])
  })

  it.each([
    ["bounded-queues", 252, 734],
    ["conditional-update", 453, 1_279],
    ["dead-letter-triage", 119, 296],
    ["double-charge", 1_155, 6_313],
    ["exactly-once", 9_181, 22_979],
    ["external-effects", 708, 3_627],
    ["fanout", 900, 6_722],
    ["many-partitions", 2_006, 6_800],
    ["outbox", 937, 2_403],
    ["per-user-ordering", 354, 1_956],
    ["poison-and-retries", 832, 4_931],
    ["queue-and-stream", 796, 2_897],
    ["retention", 674, 3_184],
    ["single-partition", 90, 208]
  ])("%s.json at depth 2: %i states, %i transitions", (name, states, transitions) => {
    const found = exploreStates({ config: exampleConfig(name), depthMax: 2, statesMax: 1_000_000 })
    expect([found.states, found.transitions]).toEqual([states, transitions])
  })

  it("stops at the states bound, deterministically", () => {
    const first = exploreStates({ config: singlePartition, depthMax: 4, statesMax: 100 })
    const again = exploreStates({ config: singlePartition, depthMax: 4, statesMax: 100 })
    expect([first.states, first.truncated, first.depthReached]).toEqual([100, true, 3])
    expect(again.tree).toEqual(first.tree)
  })
})

describe("guarantees on explored paths", () => {
  it("hold on every path of the model within 3 commands of single-partition.json, with the shortest witnesses", () => {
    const report = explore({ config: singlePartition, depthMax: 3, statesMax: 1_000_000 })
    const judged = report.tallies.filter((tally) => tally.judged !== undefined).map((tally) => [
      tally.guarantee.id,
      tally.judged?.violatedPaths,
      tally.judged?.witnessLength
    ])
    expect(report.statesJudged).toBe(798)
    expect(judged).toEqual([
      ["NoLossUnderAtLeastOnce", 0, undefined],
      ["AtLeastOnceCanDuplicate", 0, 3],
      ["PartitionOrderPreserved", 0, 2],
      ["AssignmentIsExclusive", 0, undefined],
      ["DeliveriesFollowAssignment", 0, 2],
      ["StaleCommitsAreFenced", 0, undefined]
    ])
    expect(report.counterexamples).toEqual([])
  })

  it("find the shortest path breaking a mutated model, as a trace that replays to the same failure", async () => {
    const report = explore({ config: singlePartition, depthMax: 2, statesMax: 1_000_000, step: forgetfulStep })
    const lost = report.tallies.find((tally) => tally.guarantee.id === "NoLossUnderAtLeastOnce")?.judged
    expect(lost?.violatedPaths).toBeGreaterThan(0)
    // One acknowledged send is already a loss once the drain finds nothing.
    expect(lost?.firstViolation?.path.choices.length).toBe(1)
    // The lost record also leaves a gap in what the group was delivered.
    expect(report.counterexamples.map((trace) => trace.verdict._tag === "GuaranteeViolated" && trace.verdict.guarantee)).toEqual([
      "NoLossUnderAtLeastOnce",
      "PartitionOrderPreserved"
    ])
    const trace = report.counterexamples[0]
    expect(trace.commands[0]).toEqual({ _tag: "ProducerSend", producer: "p0", topic: "events", value: "v0" })
    const decoded = await Effect.runPromise(decodeTraceText(encodeTraceText(trace), "explored"))
    expect(decoded).toEqual(trace)
    const again = await Effect.runPromise(replayTrace(decoded, forgetfulTarget))
    expect(again.mode).toBe("redecoded")
    expect(again.departure).toBeUndefined()
    expect(again.verdicts.violations.map((violation) => violation.guarantee)).toContain("NoLossUnderAtLeastOnce")
    // On the model itself, the mutation is gone and so is the loss.
    const fixed = await Effect.runPromise(replayTrace(decoded, modelTarget))
    expect(fixed.verdicts.violations).toEqual([])
  })
})
