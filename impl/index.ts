/**
 * The implementation side of qsem: the built-in broker written with Effect,
 * the deliberately broken mutants, the stdio target (a process in any
 * language), and the Target interface any system under test implements.
 *
 * @module
 */
export { builtinTarget, makeBrokerTarget } from "./builtin.ts"
export { builtinSqlTarget } from "./builtinSql.ts"
export { brokerLayer, type BrokerLayers, brokerLayersDefault } from "./brokerLayer.ts"
export { murmur2, murmur2String, partitionForKey } from "./murmur2.ts"
export { mutants } from "./mutants/index.ts"
export { idleMsDefault, stdioTarget, type StdioTargetOptions } from "./stdio/target.ts"
export type { Target, TargetSession } from "./target.ts"
