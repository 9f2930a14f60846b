/**
 * `ConsumerProcess`: 1. `UnknownGroup`; 2. `UnknownMember` unless running
 * (processing is local) and 3. `NotDelivered` unless buffered, both checked
 * by the client; 4. in an `exactly-once` group, the result (key of the
 * record, value `<topic>/<partition>@<offset>`) is sent to the group's
 * output topic by the member's transactional producer `<group>/<member>`,
 * exactly as `ProducerSend` sends (a failed check leaves the record
 * buffered); 5. the first matching buffer entry is removed (applying it to
 * the group's sink is the application's side effect: the broker keeps no
 * sink); answer `Processed` (with `output` in an `exactly-once` group).
 *
 * @module
 */
import { Effect } from "effect"
import { memberProducerName } from "../../spec/config.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { ConsumerClients } from "../consumerClients.ts"
import { makeSend } from "../producer/send.ts"
import type { Handler } from "./handler.ts"

/** The `ConsumerProcess` handler. */
export const makeConsumerProcess = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const clients = yield* ConsumerClients
  const send = yield* makeSend
  const handler: Handler<"ConsumerProcess", "Processed"> = ({ group, member, offset, partition, topic }) =>
    Effect.gen(function*() {
      const { mode, outputTopic } = yield* config.requireGroup(group)
      if (mode !== "exactly-once" || outputTopic === undefined) {
        yield* clients.process(group, member, topic, partition, offset)
        return { _tag: "Processed", group, member, topic, partition, offset }
      }
      const input = yield* clients.buffered(group, member, topic, partition, offset)
      const output = yield* send({
        producer: memberProducerName(group, member),
        topic: yield* config.requireTopic(outputTopic),
        key: input.key,
        value: `${topic}/${partition}@${offset}`,
        ackLost: false
      })
      yield* clients.process(group, member, topic, partition, offset)
      return { _tag: "Processed", group, member, topic, partition, offset, output }
    })
  return handler
})
