/**
 * The boundary between a target and everything that reads its answers: an
 * answer is copied into fresh plain data by a guarded walk that cannot throw
 * or recurse without bound, and only a copy that is a {@link Response} goes
 * on (to the comparison, the checkers, the step table and trace files).
 *
 * The walk reads each own enumerable property once (so a getter or a Proxy
 * trap runs at most once, and a throwing one is caught), never calls
 * `toJSON`, and refuses BigInts, symbols, functions, cycles, nesting deeper
 * than {@link answerDepthMax}, answers of more than {@link answerValuesMax}
 * values and answers of more than {@link answerCharactersMax} characters of
 * text (checked against the model's answer, both limits grow by that
 * answer's own size: a poll of a 20,000-record backlog is no hostile
 * answer). A property whose value is `undefined` is dropped, as in JSON.
 *
 * @module
 */
import { Result } from "effect"
import * as Schema from "effect/Schema"
import { quoteInput } from "../spec/internal/quoteInput.ts"
import { Response, ResponseError, ResponseOk } from "../spec/response.ts"
import { equalJson } from "./equal.ts"
import { formatSchemaIssue } from "./format/schemaIssue.ts"
import { safeText } from "./internal/safeText.ts"

/** The deepest nesting an answer may have; a Response nests 3 levels (`Polled.records[0].key`). */
export const answerDepthMax = 8

/** The most values (objects, arrays, primitives) an answer may hold in all. */
export const answerValuesMax = 1_000_000

/**
 * The most characters of text (strings and property names together) an
 * answer may hold: 1 MiB, beside the size of the model's own answer when it
 * is checked against one. A Response of the model usually holds far less (a
 * drain poll of 1,000 records with long keys is about 0.3 MiB), but a poll
 * of a long run's backlog can hold more; an answer with a 50-million-character
 * string would otherwise be printed in full in every report and saved into a
 * trace too large to replay.
 */
export const answerCharactersMax = 1 << 20

/** A target's answer after inspection: a plain, verified Response, or why it is not one. */
export type PlainAnswer =
  | { readonly _tag: "Plain"; readonly response: Response }
  | { readonly _tag: "NotAResponse"; readonly reason: string }

/**
 * Why the walk stopped: set just before it throws {@link refused}, which is
 * compared by identity (an `instanceof` test would run a hostile Proxy's trap).
 */
let refusal = ""
const refused: unknown = Symbol("refused")

/** Why an answer with too many values is refused (the walk's limit, with the model's answer's size when it grew by it). */
const valuesTooMany = (walk: Walk): string => `more than ${walk.valuesMax.toLocaleString("en-US")} values`

/**
 * Once a budget is spent, grows both by the model's answer's size (once):
 * true when it grew.
 */
const widen = (walk: Walk): boolean => {
  const model = walk.model
  if (model === undefined) return false
  walk.model = undefined
  const size = sizeOf(model)
  walk.values += size.values
  walk.valuesMax += size.values
  walk.characters += size.characters
  walk.charactersMax += size.characters
  return true
}

/** Counts one value against the walk's budget; false once it is spent. */
const valueSpent = (walk: Walk): boolean => --walk.values >= 0 || (widen(walk) && walk.values >= 0)

/** Whether `count` more values could still fit the walk's budget. */
const valuesFit = (walk: Walk, count: number): boolean => count <= walk.values || (widen(walk) && count <= walk.values)

/** Counts `text` against the walk's budget of characters; refuses once it is spent. */
const spend = (walk: Walk, text: string): void => {
  walk.characters -= text.length
  if (walk.characters < 0 && !(widen(walk) && walk.characters >= 0)) {
    refuse(`more than ${walk.charactersMax.toLocaleString("en-US")} characters of text in all (the last of them${at(walk)})`)
  }
}

/**
 * Where the walk is: the objects it is inside, the keys that led here, the
 * values and characters it may still copy (of its limits), and the model's
 * answer whose size the budgets grow by once they are spent.
 */
interface Walk {
  readonly ancestors: Array<object>
  readonly keys: Array<string | number>
  values: number
  valuesMax: number
  characters: number
  charactersMax: number
  model: unknown
}

/** A walk with the limits of an answer, growing by `model`'s size when given. */
const walkOf = (model?: unknown): Walk => ({
  ancestors: [],
  keys: [],
  values: answerValuesMax,
  valuesMax: answerValuesMax,
  characters: answerCharactersMax,
  charactersMax: answerCharactersMax,
  model
})

/** The values and characters of text of plain data (the model's own answer: no cycles, no hostile parts). */
const sizeOf = (value: unknown): { values: number; characters: number } => {
  const size = { values: 0, characters: 0 }
  const count = (part: unknown): void => {
    size.values += 1
    if (typeof part === "string") size.characters += part.length
    else if (Array.isArray(part)) for (const element of part) count(element)
    else if (typeof part === "object" && part !== null) {
      for (const [name, field] of Object.entries(part)) {
        size.characters += name.length
        count(field)
      }
    }
  }
  count(value)
  return size
}

/** A property name shown as it is in a path: short, letters, digits, `_` and `$` only. */
const isPlainName = (key: string): boolean => key.length <= 64 && /^[\w$]+$/.test(key)

/** ` at records[0].offset`: where the walk is, built only when it refuses; a key that is not a plain name is quoted. */
const at = (walk: Walk): string => {
  let path = ""
  for (const key of walk.keys) {
    path += typeof key === "number" ? `[${key}]` : !isPlainName(key) ? `[${quoteInput(key)}]` : path === "" ? key : `.${key}`
  }
  return path === "" ? "" : ` at ${path}`
}

/** Copies `value` as plain JSON-like data, or throws {@link refused} (or whatever a hostile value throws). */
const copyPlain = (value: unknown, walk: Walk): unknown => {
  if (!valueSpent(walk)) return refuse(valuesTooMany(walk))
  switch (typeof value) {
    case "string":
      spend(walk, value)
      return value
    case "number":
    case "boolean":
    case "undefined":
      return value
    case "bigint":
      return refuse(`a BigInt${at(walk)}`)
    case "symbol":
      return refuse(`a symbol${at(walk)}`)
    case "function":
      return refuse(`a function${at(walk)}`)
  }
  if (value === null) return null
  const object = value as object
  const { ancestors, keys } = walk
  if (ancestors.includes(object)) return refuse(`a circular reference${at(walk)}`)
  if (ancestors.length >= answerDepthMax) return refuse(`nesting deeper than ${answerDepthMax} levels${at(walk)}`)
  ancestors.push(object)
  let copy: unknown
  if (Array.isArray(object)) {
    const length: unknown = object.length
    if (typeof length !== "number" || !Number.isSafeInteger(length) || !valuesFit(walk, length)) {
      return refuse(`an array of ${String(length)} elements${at(walk)}`)
    }
    const elements: Array<unknown> = []
    for (let i = 0; i < length; i++) {
      keys.push(i)
      elements.push(copyPlain((object as Array<unknown>)[i], walk))
      keys.pop()
    }
    copy = elements
  } else {
    const fields: Record<string, unknown> = {}
    const names = Object.keys(object)
    if (!valuesFit(walk, names.length)) return refuse(valuesTooMany(walk))
    for (const name of names) {
      keys.push(name)
      spend(walk, name)
      const field = copyPlain((object as Record<string, unknown>)[name], walk)
      keys.pop()
      if (field !== undefined) fields[name] = field
    }
    copy = fields
  }
  ancestors.pop()
  return copy
}

/** What {@link copyAgainst} answers for a part of an answer identical to the model's part (which then stands for it). */
const same: unknown = Symbol("same")

/** A walk with no budget, to copy part of a model's answer (plain data already). */
const walkUnbounded = (): Walk => ({
  ancestors: [],
  keys: [],
  values: Number.POSITIVE_INFINITY,
  valuesMax: Number.POSITIVE_INFINITY,
  characters: Number.POSITIVE_INFINITY,
  charactersMax: Number.POSITIVE_INFINITY,
  model: undefined
})

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * The walk of {@link copyPlain} (the same reads, in the same order, with the
 * same refusals), comparing each part with the model's answer as it goes:
 * answers {@link same} when the part is identical to `expected` (the same
 * primitives by `Object.is`, the same keys in the same order, no
 * `undefined` property), else a plain copy in which the identical parts are
 * the model's own (plain, immutable and equal, so nothing is copied twice).
 */
const copyAgainst = (value: unknown, expected: unknown, walk: Walk): unknown => {
  if (typeof value !== "object" || value === null) return primitiveAgainst(value, expected, walk)
  if (typeof expected !== "object" || expected === null) return copyPlain(value, walk)
  if (!valueSpent(walk)) return refuse(valuesTooMany(walk))
  const object = value as object
  const { ancestors } = walk
  if (ancestors.includes(object)) return refuse(`a circular reference${at(walk)}`)
  if (ancestors.length >= answerDepthMax) return refuse(`nesting deeper than ${answerDepthMax} levels${at(walk)}`)
  ancestors.push(object)
  const result = Array.isArray(object) ? arrayAgainst(object, expected, walk) : recordAgainst(object, expected, walk)
  ancestors.pop()
  return result
}

/** {@link copyAgainst} of a value that is not an object: the common primitives at once, anything else as {@link copyPlain} takes it. */
const primitiveAgainst = (value: unknown, expected: unknown, walk: Walk): unknown => {
  switch (typeof value) {
    case "string":
      if (!valueSpent(walk)) return refuse(valuesTooMany(walk))
      spend(walk, value)
      return value === expected ? same : value
    case "number":
      if (!valueSpent(walk)) return refuse(valuesTooMany(walk))
      return Object.is(value, expected) ? same : value
    case "boolean":
      if (!valueSpent(walk)) return refuse(valuesTooMany(walk))
      return value === expected ? same : value
    default: {
      const copy = copyPlain(value, walk)
      return Object.is(copy, expected) ? same : copy
    }
  }
}

/** {@link copyAgainst} of an array (already counted and pushed on the walk's ancestors). */
const arrayAgainst = (array: ReadonlyArray<unknown>, expected: object, walk: Walk): unknown => {
  const length: unknown = array.length
  if (typeof length !== "number" || !Number.isSafeInteger(length) || !valuesFit(walk, length)) {
    return refuse(`an array of ${String(length)} elements${at(walk)}`)
  }
  const model = Array.isArray(expected) && expected.length === length ? expected as ReadonlyArray<unknown> : undefined
  let elements: Array<unknown> | undefined = model === undefined ? [] : undefined
  for (let i = 0; i < length; i++) {
    const modelElement = model === undefined ? undefined : model[i]
    walk.keys.push(i)
    const element = copyAgainst(array[i], modelElement, walk)
    walk.keys.pop()
    if (element === same && elements === undefined) continue
    elements ??= (model as ReadonlyArray<unknown>).slice(0, i)
    elements.push(element === same ? modelElement : element)
  }
  return elements ?? same
}

/** {@link copyAgainst} of an object that is not an array (already counted and pushed on the walk's ancestors). */
const recordAgainst = (object: object, expected: object, walk: Walk): unknown => {
  const names = Object.keys(object)
  if (!valuesFit(walk, names.length)) return refuse(valuesTooMany(walk))
  const model = isRecord(expected) ? expected : undefined
  const modelNames = model === undefined ? undefined : Object.keys(model)
  let fields: Record<string, unknown> | undefined = modelNames === undefined || modelNames.length !== names.length ? {} : undefined
  for (let i = 0; i < names.length; i++) {
    const name = names[i]
    // The model's field of this name: at the same place (the usual case, own since Object.keys named it), else anywhere.
    const inPlace = modelNames !== undefined && modelNames[i] === name
    const modelField = model === undefined ? undefined : inPlace || Object.hasOwn(model, name) ? model[name] : undefined
    walk.keys.push(name)
    spend(walk, name)
    const field = copyAgainst((object as Record<string, unknown>)[name], modelField, walk)
    walk.keys.pop()
    // An identical field in the same place; an undefined one never counts (the copy drops it), nor does
    // `__proto__` (the copy's assignment sets its prototype instead).
    if (field === same && fields === undefined && inPlace && modelField !== undefined && name !== "__proto__") continue
    if (fields === undefined) {
      fields = {}
      for (let j = 0; j < i; j++) fields[names[j]] = (model as Record<string, unknown>)[names[j]]
    }
    // An identical `__proto__` field becomes a fresh copy of it, as its prototype.
    const copy = field !== same ? field : name === "__proto__" ? copyPlain(modelField, walkUnbounded()) : modelField
    if (copy !== undefined) fields[name] = copy
  }
  return fields ?? same
}

const refuse = (reason: string): never => {
  refusal = reason
  throw refused
}

const isResponse = Schema.is(Response)

/** Each response tag's own schema, to say what is wrong with an answer of that tag. */
const decodeByTag: ReadonlyMap<string, (value: unknown) => Result.Result<unknown, Schema.SchemaError>> = new Map(
  [...ResponseOk.members, ...ResponseError.members].map((member) => [member.fields._tag.schema.literal, Schema.decodeUnknownResult(member)])
)

/** Why plain data is not a Response, in a few words. */
const whyNotAResponse = (copy: unknown): string => {
  if (typeof copy !== "object" || copy === null || Array.isArray(copy)) return "not an object with a _tag"
  const tag = (copy as { _tag?: unknown })._tag
  const decode = typeof tag === "string" ? decodeByTag.get(tag) : undefined
  if (decode === undefined) return `no response is tagged ${short(JSON.stringify(tag) ?? "undefined", 40)}`
  const decoded = decode(copy)
  return Result.isFailure(decoded) ? formatSchemaIssue(decoded.failure.issue) : "not a Response"
}

const short = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 3)}...` : text)

/** A value after inspection: a plain JSON-like copy, or why it cannot be one. */
export type PlainData =
  | { readonly _tag: "Plain"; readonly value: unknown }
  | { readonly _tag: "NotPlain"; readonly reason: string }

/**
 * Copies any value into plain JSON-like data by the guarded walk described
 * above. Never throws, whatever `value` is.
 *
 * @example
 * ```ts
 * const cyclic: Record<string, unknown> = {}
 * cyclic.self = cyclic
 * plainData(cyclic) // { _tag: "NotPlain", reason: "a circular reference at self" }
 * ```
 */
export const plainData = (value: unknown): PlainData => {
  try {
    return { _tag: "Plain", value: copyPlain(value, walkOf()) }
  } catch (error) {
    if (error === refused) return { _tag: "NotPlain", reason: refusal }
    return { _tag: "NotPlain", reason: `inspecting it threw ${safeText(error)}` }
  }
}

/**
 * A target's answer after inspection against the model's answer: identical
 * to it (`Same`: the model's answer stands for it, nothing was copied), a
 * plain copy (`equal` when it is equal to the model's answer by `equalJson`,
 * say with its keys in another order), or why it is not plain data.
 */
export type AnswerAgainst =
  | { readonly _tag: "Same" }
  | { readonly _tag: "Plain"; readonly value: unknown; readonly equal: boolean }
  | { readonly _tag: "NotPlain"; readonly reason: string }

const answerSame: AnswerAgainst = { _tag: "Same" }

/**
 * Inspects a target's answer by the guarded walk of {@link plainData} (the
 * same reads and refusals, except that its limits grow by the model's
 * answer's size), comparing it with the model's answer on the way:
 * what the lockstep runner does with every answer. Never throws, whatever
 * `answer` is.
 *
 * @example
 * ```ts
 * answerAgainst({ _tag: "Sent", topic: "t", partition: 0, offset: 1 }, { _tag: "Sent", topic: "t", partition: 0, offset: 1 })
 * // { _tag: "Same" }
 * ```
 */
export const answerAgainst = (answer: unknown, expected: Response): AnswerAgainst => {
  try {
    const copy = copyAgainst(answer, expected, walkOf(expected))
    return copy === same ? answerSame : { _tag: "Plain", value: copy, equal: equalJson(expected, copy) }
  } catch (error) {
    if (error === refused) return { _tag: "NotPlain", reason: refusal }
    return { _tag: "NotPlain", reason: `inspecting it threw ${safeText(error)}` }
  }
}

/**
 * Copies a target's answer into plain data and checks that the copy is a
 * Response. Never throws, whatever `answer` is.
 *
 * @example
 * ```ts
 * plainAnswer({ _tag: "Sent", topic: "orders", partition: 0, offset: 1n })
 * // { _tag: "NotAResponse", reason: "a BigInt at offset" }
 * ```
 */
export const plainAnswer = (answer: unknown): PlainAnswer => {
  const plain = plainData(answer)
  return plain._tag === "NotPlain" ? { _tag: "NotAResponse", reason: plain.reason } : responseOfPlain(plain.value)
}

/**
 * Checks plain data (a {@link plainData} copy) against the Response schema.
 * The lockstep runner calls it only for a copy that differs from the model's
 * answer: a copy equal to that answer is a Response already.
 */
export const responseOfPlain = (copy: unknown): PlainAnswer => {
  if (isResponse(copy)) return { _tag: "Plain", response: copy }
  const json = short(JSON.stringify(copy) ?? String(copy), 120)
  return { _tag: "NotAResponse", reason: `${json} (${short(whyNotAResponse(copy), 160)})` }
}
