/**
 * The driver: the consumer application's view of the system under test,
 * and the consumer protocols that decide what it does next.
 *
 * @module
 */
export * from "./driver.ts"
export * from "./observe.ts"
export * from "./protocol.ts"
export * from "./exactlyOnce.ts"
export * from "./observeTransaction.ts"
export * from "./producer.ts"
export * from "./external.ts"
