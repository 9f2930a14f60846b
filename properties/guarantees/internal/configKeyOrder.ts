/**
 * The test config of the key-order claims: {@link configTest} with both of
 * its groups (`billing` at least once, `metrics` at most once) processing in
 * delivery order.
 *
 * @module
 */
import type { Config } from "../../../spec/index.ts"
import { configTest } from "./configTest.ts"

/** See the module comment. */
export const configKeyOrder: Config = {
  ...configTest,
  groups: configTest.groups.map((group) => ({ ...group, processingOrder: "delivery" as const }))
}
