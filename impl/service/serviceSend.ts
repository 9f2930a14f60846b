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
import { orDie } from "../internal/orDie.ts"
import { send, type SendPlaced, type SendServices, sendServices } from "../producer/send.ts"

/** The send of a service's event (its errors cannot happen under a valid config: each would be a defect). */
export const serviceSend = (s: SendServices, service: ServiceConfig, event: string, key: string | undefined): SendPlaced =>
  // A valid config names only configured topics, and the service's producer is plain (the config may not
  // name it), so none of a send's errors can happen: each would be a defect of the broker.
  orDie(() => {
    const topic = s.config.requireTopic(service.topic)
    return send(s, { producer: serviceProducerName(service.name), topic, key, value: event, ackLost: false })
  })

/** Builds {@link serviceSend} over the broker's Context (for a relay built by a layer). */
export const makeServiceSend = Effect.map(
  sendServices,
  (s) => (service: ServiceConfig, event: string, key: string | undefined): SendPlaced => serviceSend(s, service, event, key)
)
