/**
 * Run statistics for `qsem check --stats`: counters folded run by run, and
 * their fast-check-statistics-style printout.
 *
 * @module
 */
export * from "./formatRunStats.ts"
export * from "./runStats.ts"
