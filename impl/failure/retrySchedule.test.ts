import { Duration, Effect, Schedule } from "effect"
import { describe, expect, it } from "vitest"
import { configLimits, retryDelayMsOf } from "../../spec/config.ts"
import { makeRetryDelays, retryScheduleExponential } from "./retrySchedule.ts"

const delaysOf = (schedule: Schedule.Schedule<unknown>, attempts: ReadonlyArray<number>) =>
  Effect.runPromise(Effect.gen(function*() {
    const delays = yield* makeRetryDelays(schedule)
    const out: Array<number> = []
    for (const attempt of attempts) out.push(delays.delayMs(attempt))
    return out
  }))

describe("retry delays from an Effect Schedule", () => {
  it("the exponential schedule gives the spec's retryDelayMsOf for every attempt up to the limit, exactly", async () => {
    const attempts = Array.from({ length: configLimits.attemptsMax }, (_, i) => i + 1)
    for (const backoffMs of [1, 7, 1000, configLimits.failureTimeMsMax]) {
      const failure = { policy: "retry-then-dead-letter", attemptsMax: configLimits.attemptsMax, backoffMs, deadLetterTopic: "dlt" } as const
      expect(await delaysOf(retryScheduleExponential(backoffMs), attempts)).toStrictEqual(attempts.map((attempt) => retryDelayMsOf(failure, attempt)))
    }
  })

  it("remembers the delays it found: asking in any order, or again, gives the same numbers", async () => {
    expect(await delaysOf(retryScheduleExponential(1000), [3, 1, 3, 2, 5, 1])).toStrictEqual([4000, 1000, 4000, 2000, 16_000, 1000])
  })

  it("steps any schedule it is given (spaced 250 ms: the same delay every time)", async () => {
    expect(await delaysOf(Schedule.spaced(Duration.millis(250)), [1, 2, 3])).toStrictEqual([250, 250, 250])
  })
})
