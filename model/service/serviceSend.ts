/**
 * A service's send (spec/command/service.ts): a plain send by
 * `serviceProducerName(service)` to the service's topic, key = the event's
 * key, value = the event id, appended exactly as a `ProducerSend` without a
 * lost acknowledgement appends it (the model's own send pipeline).
 *
 * @module
 */
import { serviceProducerName } from "../../spec/config.ts"
import type { PartitionOffset } from "../../spec/record.ts"
import { isRefused, sendRecord } from "../producer/send.ts"
import type { ModelState } from "../state.ts"

/** The state after the service at `serviceIndex` sent `event` (with `key`), and where it was appended. */
export const serviceSend = (
  state: ModelState,
  serviceIndex: number,
  event: string,
  key: string | undefined
): { readonly state: ModelState; readonly sent: PartitionOffset } => {
  const service = state.world.config.services![serviceIndex]
  const topicIndex = state.world.serviceTopicIndex[serviceIndex]
  const produced = sendRecord(state, serviceProducerName(service.name), topicIndex, key, event, false)
  // a service's producer is plain (the config may not name it, and it has no "/"): a plain send is never refused
  if (isRefused(produced)) throw new Error(`qsem model: the send of service ${JSON.stringify(service.name)} was refused`)
  return { state: produced.state, sent: { topic: service.topic, partition: produced.partition, offset: produced.offset } }
}
