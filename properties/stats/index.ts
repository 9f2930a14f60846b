/**
 * Run statistics for `qsem check --stats`: counters folded run by run, and
 * their fast-check-statistics-style printout; and the partition facts every
 * `qsem check` prints (partition load and idle members).
 *
 * @module
 */
export * from "./formatPartitionFacts.ts"
export * from "./formatRunStats.ts"
export * from "./idleMembers.ts"
export * from "./partitionLoad.ts"
export * from "./runStats.ts"
export * from "./queueTraffic.ts"
export * from "./lag.ts"
export * from "./retries.ts"
