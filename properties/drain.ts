/**
 * The final drain, run after the choices: decided online from the
 * application's view like the rest of the run, and bounded, so a broken
 * target that never drains still ends.
 *
 * 1. Settle: every running member (zombies included) processes what its
 *    protocol lets it process.
 * 2. Expire: the clock moves by `sessionTimeoutMs`, so every session expires.
 * 3. Drain, group by group: a fresh member `drainer` joins and loops poll
 *    (`drainRecordsMax` records) → at-most-once: commit, then process all;
 *    at-least-once: process all, then commit → until a poll delivers nothing
 *    new (nothing at all on a correct broker; only records this drainer was
 *    already given on one that redelivers without cause).
 *
 * On a correct broker this makes every acknowledged send processed by every
 * at-least-once group subscribed to its topic.
 *
 * A drain can be restricted to some groups (`drainGroups`, see
 * {@link drainInit}): it then settles and drains only those groups' members,
 * and an empty list means no drain at all (a minimized counterexample keeps
 * only the drain its verdict needs).
 *
 * @module
 */
import type { Command } from "../spec/command.ts"
import type { Config } from "../spec/config.ts"
import type { Response } from "../spec/response.ts"
import type { Driver } from "./driver/driver.ts"
import { drainerName } from "./driver/driver.ts"
import { commitOffsetsOf, firstProcessableOf } from "./driver/protocol.ts"

/** The `recordsMax` of the drainer's polls. */
export const drainRecordsMax = 1000

/** Where the drainer of one group is in its loop. */
export type DrainStage = "Join" | "Poll" | "Process" | "Commit"

/** Where the drain is. */
export type DrainPhase =
  | { readonly _tag: "Settle" }
  | { readonly _tag: "Expire" }
  | { readonly _tag: "Drain"; readonly group: number; readonly stage: DrainStage }
  | { readonly _tag: "Done" }

/**
 * The drain's progress: its phase, how many commands it issued, its budget,
 * the records (`topic/partition@offset`) the current drainer was given, and
 * the groups it covers (`undefined`: every group).
 */
export interface Drain {
  readonly phase: DrainPhase
  readonly steps: number
  readonly stepsMax: number
  readonly delivered: ReadonlySet<string>
  readonly groups: ReadonlySet<string> | undefined
}

/**
 * The drain's budget after `commandsRun` commands: enough for a correct
 * broker (every buffered record processed, then in each group one join, a
 * few polls and commits, and one process per record), with slack.
 */
export const drainStepsMax = (config: Config, commandsRun: number): number => {
  const groups = config.groups.length
  return commandsRun * (config.bounds.recordsPerPollMax + groups) +
    groups * (8 + Math.ceil(commandsRun / drainRecordsMax) * 2) + 8
}

/**
 * A drain about to start after `commandsRun` commands, covering the groups
 * named in `drainGroups` (absent: every group; empty: none, so the drain
 * issues no command at all).
 */
export const drainInit = (config: Config, commandsRun: number, drainGroups?: ReadonlyArray<string> | undefined): Drain => ({
  phase: drainGroups !== undefined && drainGroups.length === 0 ? { _tag: "Done" } : { _tag: "Settle" },
  steps: 0,
  stepsMax: drainStepsMax(config, commandsRun),
  delivered: new Set(),
  groups: drainGroups === undefined ? undefined : new Set(drainGroups)
})

const covers = (drain: Drain, group: string): boolean => drain.groups === undefined || drain.groups.has(group)

const settleCommand = (drain: Drain, driver: Driver): Command | undefined => {
  for (const group of driver.groups) {
    if (!covers(drain, group.name)) continue
    for (const member of group.members) {
      if (!member.running) continue
      const first = firstProcessableOf(group, member)
      if (first !== undefined) {
        return {
          _tag: "ConsumerProcess",
          group: group.name,
          member: member.name,
          topic: first.topic,
          partition: first.partition,
          offset: first.offset
        }
      }
    }
  }
  return undefined
}

const emitted = (drain: Drain, command: Command, phase: DrainPhase) => ({
  command,
  drain: { ...drain, phase, steps: drain.steps + 1 }
})

const withPhase = (drain: Drain, phase: DrainPhase): Drain => ({ ...drain, phase })

const nextGroup = (group: number): DrainPhase => ({ _tag: "Drain", group: group + 1, stage: "Join" })

/**
 * The drain's next command and its state once the command is issued, or
 * `undefined` when the drain is over (finished, or out of budget).
 */
export const drainNext = (
  drain: Drain,
  driver: Driver,
  config: Config
): { readonly command: Command; readonly drain: Drain } | undefined => {
  if (drain.steps >= drain.stepsMax) return undefined
  let phase = drain.phase
  for (;;) {
    switch (phase._tag) {
      case "Done":
        return undefined
      case "Settle": {
        const command = settleCommand(drain, driver)
        if (command !== undefined) return emitted(drain, command, phase)
        phase = { _tag: "Expire" }
        continue
      }
      case "Expire":
        return emitted(drain, { _tag: "ClockAdvance", ms: config.sessionTimeoutMs }, phase)
      case "Drain": {
        const group = driver.groups[phase.group]
        if (group === undefined) return undefined
        if (!covers(drain, group.name)) {
          phase = nextGroup(phase.group)
          continue
        }
        const address = { group: group.name, member: drainerName }
        const drainer = group.members.find((member) => member.name === drainerName)
        const atLeastOnce = group.mode === "at-least-once"
        switch (phase.stage) {
          case "Join":
            return emitted(drain, { _tag: "GroupJoin", ...address }, phase)
          case "Poll":
            return emitted(drain, { _tag: "ConsumerPoll", ...address, recordsMax: drainRecordsMax }, phase)
          case "Process": {
            const first = drainer === undefined ? undefined : firstProcessableOf(group, drainer)
            if (first !== undefined) {
              const { offset, partition, topic } = first
              return emitted(drain, { _tag: "ConsumerProcess", ...address, topic, partition, offset }, phase)
            }
            phase = { ...phase, stage: atLeastOnce ? "Commit" : "Poll" }
            continue
          }
          case "Commit": {
            const offsets = drainer === undefined ? [] : commitOffsetsOf(group, drainer)
            if (offsets.length > 0) return emitted(drain, { _tag: "ConsumerCommit", ...address, offsets }, phase)
            phase = { ...phase, stage: atLeastOnce ? "Poll" : "Process" }
            continue
          }
        }
      }
    }
  }
}

/**
 * The drain's state after its last command was answered: the answer decides
 * where the drainer goes next (a poll that delivered nothing ends its group).
 */
export const drainObserve = (drain: Drain, config: Config, response: Response): Drain => {
  const phase = drain.phase
  switch (phase._tag) {
    case "Settle":
    case "Done":
      return drain
    case "Expire":
      return withPhase(drain, { _tag: "Drain", group: 0, stage: "Join" })
    case "Drain": {
      const atLeastOnce = config.groups[phase.group]?.mode === "at-least-once"
      switch (phase.stage) {
        case "Join":
          return {
            ...drain,
            phase: response._tag === "Joined" ? { ...phase, stage: "Poll" } : nextGroup(phase.group),
            delivered: new Set()
          }
        case "Poll":
          if (response._tag === "Polled") {
            const fresh = response.records
              .map((record) => `${record.topic}/${record.partition}@${record.offset}`)
              .filter((record) => !drain.delivered.has(record))
            if (fresh.length === 0) return withPhase(drain, nextGroup(phase.group))
            return {
              ...drain,
              phase: { ...phase, stage: atLeastOnce ? "Process" : "Commit" },
              delivered: new Set([...drain.delivered, ...fresh])
            }
          }
          return response._tag === "RebalanceInProgress" ? drain : withPhase(drain, nextGroup(phase.group))
        case "Process":
          return drain
        case "Commit":
          return withPhase(drain, { ...phase, stage: atLeastOnce ? "Poll" : "Process" })
      }
    }
  }
}
