/**
 * `mutant:backoff-ignored`: a retry loop that computes its backoff but never
 * waits for it (the delay logged, the sleep forgotten): an attempt before
 * the record's retry time is made anyway, never refused with
 * `BackoffPending`, while each `ProcessFailed` still announces a
 * `retryAtMs`. The failing dependency is hammered. Breaks
 * `BackoffSpacesRetries`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { makeRetryPolicyWith, RetryPolicy, retryRulesStandard } from "../failure/retryPolicy.ts"
import type { Target } from "../target.ts"

/** A retry policy that never refuses an early attempt. */
export const backoffUnenforcedLayer = Layer.effect(RetryPolicy, makeRetryPolicyWith({ ...retryRulesStandard, refuses: () => false }))

/** The built-in broker with {@link backoffUnenforcedLayer}. */
export const backoffIgnored: Target = makeBrokerTarget("mutant:backoff-ignored", { retryPolicy: backoffUnenforcedLayer })
