/**
 * The first problem of a trace that fails to decode, in one line. The
 * default formatting names the problem and where it is; a value that
 * matches no member of a tagged union (a command or an answer of an unknown
 * kind) is named by its `_tag`, instead of a list of every member.
 *
 * @module
 */
import type { SchemaIssue } from "effect"
import { formatSchemaIssue } from "../../format/schemaIssue.ts"

/** Where an issue is, as the default formatter writes it: `["commands"][2]`. */
const showPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((key) => `[${typeof key === "number" ? key : JSON.stringify(String(key))}]`).join("")

/** The first leaf-most issue under `issue`, with its path from the root. */
const firstIssue = (
  issue: SchemaIssue.Issue,
  path: ReadonlyArray<PropertyKey>
): { readonly issue: SchemaIssue.Issue; readonly path: ReadonlyArray<PropertyKey> } => {
  switch (issue._tag) {
    case "Pointer":
      return firstIssue(issue.issue, [...path, ...issue.path])
    case "Composite":
      return firstIssue(issue.issues[0], path)
    default:
      return { issue, path }
  }
}

const valueAt = (json: unknown, path: ReadonlyArray<PropertyKey>): unknown =>
  path.reduce<unknown>(
    (value, key) => (typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined),
    json
  )

/**
 * One line for why `json` is not a trace: `Missing key at ["verdict"]`, or
 * `no kind is tagged "ConsumerDance" at ["commands"][2]`, or
 * `expected an object with a known "_tag" at ["actual"][0]`.
 */
export const describeTraceIssue = (issue: SchemaIssue.Issue, json: unknown): string => {
  const first = firstIssue(issue, [])
  if (first.issue._tag === "AnyOf" && first.issue.issues.length === 0) {
    const tag = (valueAt(json, first.path) as { readonly _tag?: unknown } | undefined)?._tag
    return typeof tag === "string"
      ? `no kind is tagged ${JSON.stringify(tag)} at ${showPath(first.path)}`
      : `expected an object with a known "_tag" at ${showPath(first.path)}`
  }
  return formatSchemaIssue(issue)
}
