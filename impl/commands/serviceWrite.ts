/**
 * `ServiceWrite`: 1. `UnknownService`; 2. `EventExists` when the business
 * table holds the event; 3. by the service's publish mode: `outbox`, one
 * local transaction inserts the business row and an unpublished outbox row;
 * `commit-then-send`, the row is committed, then the event sent;
 * `send-then-commit`, the event is sent, then the row committed. Answer
 * `ServiceWritten` (with `sent` for a dual write).
 *
 * With `crashMidway`, the service dies in the middle of step 3: inside the
 * outbox transaction (it rolls back), or between the dual write's two writes;
 * answer `ServiceCrashed`, whether the row was committed and where the event
 * was sent, if it was.
 *
 * @module
 */
import type { BusinessRow } from "../../spec/effect.ts"
import { EventExists } from "../errors.ts"
import { serviceSend } from "../service/serviceSend.ts"
import type { Handler } from "./handler.ts"

/** The `ServiceWrite` handler (answering `ServiceWritten`, or `ServiceCrashed` with `crashMidway`). */
export const serviceWrite: Handler<"ServiceWrite", "ServiceWritten" | "ServiceCrashed"> = (s, command) => {
  const { clock, config, serviceStore: store } = s
  const { event, key } = command
  const service = config.requireService(command.service)
  const name = service.name
  if (store.holds(name, event)) throw new EventExists({ service: name, event })
  const crashMidway = command.crashMidway === true
  const atMs = clock.nowMs()
  const row: BusinessRow = key === undefined ? { event, atMs } : { event, key, atMs }
  switch (service.publish) {
    case "outbox": {
      const committed = store.writeWithOutbox(name, row, crashMidway)
      return crashMidway
        ? { _tag: "ServiceCrashed", service: name, event, committed }
        : { _tag: "ServiceWritten", service: name, event }
    }
    case "commit-then-send": {
      store.commitRow(name, row)
      if (crashMidway) return { _tag: "ServiceCrashed", service: name, event, committed: true }
      const sent = serviceSend(s, service, event, key)
      return { _tag: "ServiceWritten", service: name, event, sent }
    }
    case "send-then-commit": {
      const sent = serviceSend(s, service, event, key)
      if (crashMidway) return { _tag: "ServiceCrashed", service: name, event, committed: false, sent }
      store.commitRow(name, row)
      return { _tag: "ServiceWritten", service: name, event, sent }
    }
  }
}

