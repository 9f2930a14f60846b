/**
 * What `DownstreamDown` and `DownstreamUp` share: 1. `UnknownGroup`;
 * 2. `NoFailurePolicy` unless the group has a `failure` config; 3. the
 * group's downstream is set (as it is: stays so); answer `DownstreamSet`.
 * The breaker is not touched.
 *
 * @module
 */
import type { ResponseOf } from "../../../spec/response.ts"
import { NoFailurePolicy } from "../../errors.ts"
import type { Services } from "../../services.ts"

/** Sets a group's downstream, up or down; throws `UnknownGroup` or `NoFailurePolicy`. */
export const setDownstream = (s: Services, group: string, up: boolean): ResponseOf<"DownstreamSet"> => {
  const { failure } = s.config.requireGroup(group)
  if (failure === undefined) throw new NoFailurePolicy({ group })
  s.downstream.set(group, up)
  return { _tag: "DownstreamSet", group, up }
}
