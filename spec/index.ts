/**
 * The vocabulary of qsem as effect/Schema values: data and types only.
 *
 * @module
 */
export * from "./catalogue.ts"
export * from "./command.ts"
export * from "./config.ts"
export * from "./effect.ts"
export * from "./failure.ts"
export * from "./guarantee.ts"
export * from "./history.ts"
export * from "./queue.ts"
export * from "./record.ts"
export * from "./response.ts"
export * from "./trace.ts"
