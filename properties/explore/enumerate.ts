/**
 * Command enumeration: every distinct command the generator can decode in
 * the application's current view, each with a choice that decodes to it.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Choice } from "../choice.ts"
import { choiceFieldMax } from "../choice.ts"
import type { Driver } from "../driver/driver.ts"
import type { Action, DecodeContext } from "../generate/context.ts"
import { decodeContextOf } from "../generate/context.ts"
import { actions } from "../generate/decode.ts"
import { invalidKinds } from "../generate/invalid.ts"
import { choiceOf, type Field, fieldValuesOf, type FieldsChosen } from "./fieldValues.ts"
import { hashOf } from "./fingerprint.ts"
import { FingerprintTable } from "./internal/fingerprintTable.ts"
import { structurallyEqual } from "./structurallyEqual.ts"

/** One command the application may issue next, with a choice `decodeChoice` turns into it. */
export interface Move {
  readonly choice: Choice
  readonly command: Command
}

/**
 * The `action` field that makes `decodeChoice` pick the enabled action whose
 * weights start at `offset` (of `total`): the smallest value that scales
 * into `[offset, offset + weight)`.
 */
export const actionValueOf = (offset: number, total: number): number => {
  const value = Math.ceil((offset * (choiceFieldMax + 1)) / total)
  return Math.min(value, choiceFieldMax)
}

/** The fields of the {@link probe}'s next run, and the fields it read, in order of first read. */
const probed = { action: 0, a: 0, b: 0, c: 0, read: [] as Array<Field> }

const note = (field: Field): void => {
  if (!probed.read.includes(field)) probed.read.push(field)
}

/**
 * A choice that records which fields are read: one instance is reused for
 * every run of an action (the actions read their choice while they build
 * the command; the one that copies it copies its getters' values).
 */
const probe: Choice = {
  get action() {
    return probed.action
  },
  get a() {
    note("a")
    return probed.a
  },
  get b() {
    note("b")
    return probed.b
  },
  get c() {
    note("c")
    return probed.c
  }
}

/**
 * Every command `action` makes in `context` over the field values of
 * `fieldValuesOf`, by a depth-first walk over the fields it actually reads:
 * the action runs with the fields chosen so far (0 for the others) while its
 * reads are recorded; the first field it read that is not chosen yet is then
 * tried over its values, each a new run. A field the action never reads is
 * never varied, so an action reading one field costs one run per value.
 */
const movesOfAction = (action: Action, actionValue: number, context: DecodeContext, emit: (move: Move) => void): void => {
  if (action.name === "invalid") return movesOfInvalid(actionValue, context, emit)
  movesOfMake(action.name, action.make, actionValue, context, emit)
}

/**
 * The commands of `invalid`, kind by kind: it picks the kind by
 * `b % possible` among the possible kinds and hands the kind `b / possible`,
 * so each kind is walked on its own (reading only its own fields) with its
 * `b` as the inner field, and its choices get `b = kind + possible * inner`.
 */
const movesOfInvalid = (actionValue: number, context: DecodeContext, emit: (move: Move) => void): void => {
  const possible = invalidKinds.filter((kind) => kind.possible(context))
  possible.forEach((kind, index) =>
    movesOfMake("invalid", kind.make, actionValue, context, (move) =>
      emit({ choice: { ...move.choice, b: index + possible.length * move.choice.b }, command: move.command })))
}

/** The fields chosen with `field` set to `value` (one object shape for every choice, where a spread with a computed key makes a slow one). */
const withField = (chosen: FieldsChosen, field: Field, value: number): FieldsChosen =>
  field === "a"
    ? { a: value, b: chosen.b, c: chosen.c }
    : field === "b"
    ? { a: chosen.a, b: value, c: chosen.c }
    : { a: chosen.a, b: chosen.b, c: value }

/** {@link movesOfAction} of one `make`, whose fields are walked with the values `fieldValuesOf` gives for `name`. */
const movesOfMake = (
  name: string,
  make: Action["make"],
  actionValue: number,
  context: DecodeContext,
  emit: (move: Move) => void
): void => {
  const walk = (chosen: FieldsChosen): void => {
    probed.action = actionValue
    probed.a = chosen.a ?? 0
    probed.b = chosen.b ?? 0
    probed.c = chosen.c ?? 0
    probed.read.length = 0
    const command = make(context, probe)
    let open: Field | undefined
    for (const field of probed.read) {
      if (chosen[field] === undefined) {
        open = field
        break
      }
    }
    if (open === undefined) {
      emit({ choice: choiceOf(actionValue, chosen), command })
      return
    }
    for (const value of fieldValuesOf(name, open, context, chosen)) walk(withField(chosen, open, value))
  }
  walk({ a: undefined, b: undefined, c: undefined })
}

/**
 * Every distinct command the generator can decode against
 * `driver` with the field values of `fieldValuesOf`: each enabled action in
 * `decodeChoice`'s order, its fields walked as `movesOfAction` does; the first
 * choice reaching a command is kept. Commands are told apart by structural
 * equality (`structurallyEqual.ts`: for commands, plain data of strings,
 * numbers, arrays and objects, the equality of their JSON). Deterministic:
 * the same view gives the same moves in the same order.
 *
 * @example
 * ```ts
 * movesOf(driverInit(config), config).map((move) => move.command._tag)
 * // ["ProducerSend", "GroupJoin", "ClockAdvance", ..., "ProducerSend" (an unknown topic), ...]
 * ```
 */
export const movesOf = (driver: Driver, config: Config): ReadonlyArray<Move> => {
  const context = decodeContextOf(driver, config)
  const enabled: Array<Action> = []
  let total = 0
  for (const action of actions) {
    if (!action.enabled(context)) continue
    enabled.push(action)
    total += action.weight
  }
  const moves: Array<Move> = []
  // The first move of each command hash; a hash met again is a command met again unless the hashes collide.
  const firstByHash = new FingerprintTable(7)
  const isNew = (command: Command): boolean => {
    const hash = hashOf(command)
    const first = firstByHash.setIfAbsent(hash, moves.length)
    if (first < 0) return true
    if (structurallyEqual(moves[first].command, command)) return false
    return !moves.some((move) => structurallyEqual(move.command, command))
  }
  let offset = 0
  for (const action of enabled) {
    movesOfAction(action, actionValueOf(offset, total), context, (move) => {
      if (isNew(move.command)) moves.push(move)
    })
    offset += action.weight
  }
  return moves
}
