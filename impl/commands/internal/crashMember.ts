/**
 * What a consumer's process dying does, shared by `ConsumerCrash` and a
 * `ConsumerProcess` with `crashMidway`: the client (generation, positions,
 * buffer, and the attempt counts of its failure policy) is destroyed, the
 * broker's membership stays, and in an
 * `exactly-once` group the member's producer `<group>/<member>` dies with it.
 *
 * @module
 */
import { type DeliveryMode, memberProducerName } from "../../../spec/config.ts"
import type { Services } from "../../services.ts"

/** The crash of a member's process (the caller checked that it runs). */
export const crashMember = (s: Services, group: string, mode: DeliveryMode, member: string): void => {
  s.consumerClients.destroy(group, member)
  s.processAttempts.forgetClient(group, member)
  if (mode === "exactly-once") s.producerClients.crash(memberProducerName(group, member))
}
