import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { configDefault } from "../../../spec/config.ts"
import { choicesArbitrary } from "../../choice.ts"
import { runChoicesOnModel } from "../../modelRun.ts"
import type { Choice } from "../../choice.ts"
import { commandDropperOf } from "./dropCommand.ts"

/** The program without its command at `index`, strictly (undefined when a later command cannot stay). */
const choicesWithoutCommand = (config: typeof configDefault, choices: ReadonlyArray<Choice>, index: number) =>
  commandDropperOf(config, choices)(new Set([index]), false)?.choices

describe("commandDropperOf", () => {
  const choices = fc.sample(choicesArbitrary(configDefault, 30), { seed: 7, numRuns: 20 }).find((c) => c.length >= 20) ?? []
  const commands = runChoicesOnModel(configDefault, choices, []).commands

  it("leaves one command out and keeps the commands after it, where dropping the choice would change them", () => {
    expect(choices.length).toBeGreaterThanOrEqual(20)
    let kept = 0
    let changedByChoiceDrop = 0
    for (let index = 0; index < choices.length; index++) {
      const wanted = commands.filter((_, k) => k !== index)
      const encoded = choicesWithoutCommand(configDefault, choices, index)
      if (encoded !== undefined) {
        kept += 1
        // The same commands, a send's value aside (later sends are numbered one lower).
        const unvalued = (list: ReadonlyArray<object>) => list.map((command) => ({ ...command, value: undefined }))
        expect(unvalued(runChoicesOnModel(configDefault, encoded, []).commands)).toEqual(unvalued(wanted))
      }
      const naive = runChoicesOnModel(configDefault, choices.filter((_, k) => k !== index), []).commands
      if (JSON.stringify(naive) !== JSON.stringify(wanted)) changedByChoiceDrop += 1
    }
    // Most commands can go on their own; dropping their choice instead changes later commands for many.
    expect(kept).toBeGreaterThan(choices.length / 2)
    expect(changedByChoiceDrop).toBeGreaterThan(0)
  })

  it("renumbers later sends, and finds an invalid command where the view no longer allows a valid one", () => {
    const at = (tag: string, before: ReadonlyArray<{ action: number; a: number; b: number; c: number }>) => {
      for (let action = 0; action < 1000; action++) {
        const program = [...before, { action, a: 0, b: 0, c: 0 }]
        if (runChoicesOnModel(configDefault, program, []).commands[before.length]._tag === tag) return program
      }
      throw new Error(`no choice decodes to ${tag}`)
    }
    const twoSends = at("ProducerSend", at("ProducerSend", []))
    const without = choicesWithoutCommand(configDefault, twoSends, 0)
    expect(without === undefined ? undefined : runChoicesOnModel(configDefault, without, []).commands).toEqual([
      { _tag: "ProducerSend", producer: "p0", topic: "orders", value: "v0" }
    ])
    // A join, then a poll by that member: without the join only an invalid command (a poll by a member
    // without a client) is that poll, and the encoder finds it.
    const joinThenPoll = at("ConsumerPoll", at("GroupJoin", []))
    const poll = runChoicesOnModel(configDefault, joinThenPoll, []).commands[1]
    const pollAlone = choicesWithoutCommand(configDefault, joinThenPoll, 0)
    expect(pollAlone === undefined ? undefined : runChoicesOnModel(configDefault, pollAlone, [])).toMatchObject({
      commands: [poll],
      expected: [{ _tag: "UnknownMember" }]
    })
  })

  it("drops chunks, and with cascade the commands that cannot stay without them, every kept command unchanged", () => {
    const long = fc.sample(choicesArbitrary(configDefault, 200), { seed: 11, numRuns: 30 }).find((c) => c.length >= 150) ?? []
    expect(long.length).toBeGreaterThanOrEqual(150)
    const longCommands = runChoicesOnModel(configDefault, long, []).commands
    const dropper = commandDropperOf(configDefault, long)
    const unvalued = (list: ReadonlyArray<object>) => list.map((command) => ({ ...command, value: undefined }))
    let refused = 0
    let cascaded = 0
    for (let from = 0; from + 8 <= long.length; from += 8) {
      const dropped = new Set(Array.from({ length: 8 }, (_, k) => from + k))
      const strict = dropper(dropped, false)
      const found = dropper(dropped, true)
      expect(found).toBeDefined()
      if (found === undefined) continue
      // The kept commands, in order, none of the dropped ones, everything before the chunk kept as it was.
      expect(found.kept.every((index, i) => !dropped.has(index) && (i === 0 || found.kept[i - 1] < index))).toBe(true)
      expect(found.choices.slice(0, from)).toEqual(long.slice(0, from))
      expect(unvalued(runChoicesOnModel(configDefault, found.choices, []).commands)).toEqual(unvalued(found.kept.map((index) => longCommands[index])))
      if (strict === undefined) refused += 1
      else expect(strict).toEqual(found)
      if (found.kept.length < long.length - dropped.size) cascaded += 1
    }
    // Chunks often take commands along (a poll's commit, a member's process): strictly they are refused.
    expect(cascaded).toBeGreaterThan(0)
    expect(refused).toBe(cascaded)
  })
})
