/**
 * The command generator: choices decoded online against the application's
 * view, following each group's consumer protocol, with faults and invalid
 * commands mixed in.
 *
 * @module
 */
export type { Action, DecodeContext } from "./context.ts"
export { actions, decodeChoice } from "./decode.ts"
