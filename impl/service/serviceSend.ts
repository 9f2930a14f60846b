/**
 * A service's send (its dual write's, and its relay's): a plain send by the
 * producer `service:<name>` to the service's topic, key = the event's key,
 * value = the event id, appended exactly as a `ProducerSend` without a lost
 * acknowledgement appends it.
 *
 * @module
 */
import { Effect } from "effect"
import { type ServiceConfig, serviceProducerName } from "../../spec/config.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { orDie } from "../internal/orDie.ts"
import { makeSend, type SendPlaced } from "../producer/send.ts"

/** Builds the send of a service's event. */
export const makeServiceSend = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const send = yield* makeSend
  return (service: ServiceConfig, event: string, key: string | undefined): SendPlaced =>
    // A valid config names only configured topics, and the service's producer is plain (the config may not
    // name it), so none of a send's errors can happen: each would be a defect of the broker.
    orDie(() => {
      const topic = config.requireTopic(service.topic)
      return send({ producer: serviceProducerName(service.name), topic, key, value: event, ackLost: false })
    })
})
