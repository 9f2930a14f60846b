/**
 * `mutant:dead-letter-never`: a retry loop without a limit (`retries`
 * left unbounded, Spring's `FixedBackOff` with `UNLIMITED_ATTEMPTS`): a
 * `retry-then-dead-letter` policy ignores `attemptsMax` and retries forever,
 * answering `ProcessFailed` with a retry time for attempts beyond it and
 * never dead-lettering, so a poison record blocks its partition as under no
 * policy at all. Breaks `PoisonMessagesDoNotBlockThePartition`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { makeRetryPolicyWith, RetryPolicy, retryRulesStandard } from "../failure/retryPolicy.ts"
import type { Target } from "../target.ts"

/** A retry policy whose retries never run out. */
export const retriesForeverLayer = Layer.effect(RetryPolicy, makeRetryPolicyWith({ ...retryRulesStandard, exhausted: () => false }))

/** The built-in broker with {@link retriesForeverLayer}. */
export const deadLetterNever: Target = makeBrokerTarget("mutant:dead-letter-never", { retryPolicy: retriesForeverLayer })
