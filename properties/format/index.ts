/**
 * Readable renderings of commands, answers and whole runs.
 *
 * @module
 */
export * from "./command.ts"
export * from "./response.ts"
export * from "./schemaIssue.ts"
export * from "./stepTable.ts"
export * from "./verdict.ts"
