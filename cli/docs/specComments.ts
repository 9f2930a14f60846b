/**
 * The doc comments of the spec's schemas, read from its source, so the
 * generated reference quotes the very text the spec carries.
 *
 * @module
 */
import * as fs from "node:fs"

/** A documented schema: its name and its doc comment as Markdown. */
export interface SpecComment {
  readonly name: string
  readonly text: string
}

const commentBody = (comment: string): string =>
  comment
    .replace(/^\/\*\*\s*/, "")
    .replace(/\s*\*\/$/, "")
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim()

/** The doc comments of the `TaggedStruct` schemas of a spec file, in source order. */
export const taggedStructComments = (file: string): ReadonlyArray<SpecComment> => {
  const source = fs.readFileSync(file, "utf8")
  const pattern = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*export const (\w+) = Schema\.TaggedStruct\(/g
  const found: Array<SpecComment> = []
  for (const match of source.matchAll(pattern)) found.push({ name: match[2], text: commentBody(match[1]) })
  return found
}

/** The module comment (the first doc comment) of a spec file, without its `@module` tag. */
export const moduleComment = (file: string): string => {
  const source = fs.readFileSync(file, "utf8")
  const match = /\/\*\*(?:(?!\*\/)[\s\S])*\*\//.exec(source)
  return match === null ? "" : commentBody(match[0]).replace(/\n*@module\s*$/, "").trim()
}
