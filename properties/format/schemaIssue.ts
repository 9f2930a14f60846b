/**
 * Schema decoding errors as one readable line: the first problem and where
 * it is (`Expected a value greater than or equal to 1 at ["config"]["topics"][0]["partitions"]`).
 *
 * @module
 */
import { SchemaIssue } from "effect"

const formatIssue = SchemaIssue.makeFormatterDefault()

/** One line for a schema issue: its first message and path, whitespace folded. */
export const formatSchemaIssue = (issue: SchemaIssue.Issue): string =>
  formatIssue(issue).replace(/\s*\n\s*/g, " ").trim()

/** Folds any multi-line text into one line. */
export const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, "; ").trim()
