/**
 * `--guarantees A,B`: the subset of the catalogue to check.
 *
 * @module
 */
import { catalogue } from "../spec/catalogue.ts"
import type { GuaranteeId } from "../spec/guarantee.ts"
import { UsageError } from "./usageError.ts"

/**
 * Parses a comma-separated list of guarantee ids (spaces around them are
 * ignored, a repeated id counts once) into catalogue order; an unknown id
 * gets one line that lists the known ones.
 */
export const parseGuaranteeList = (text: string): ReadonlyArray<GuaranteeId> => {
  const known = catalogue.map((guarantee) => guarantee.id)
  const asked = text.split(",").map((part) => part.trim())
  if (asked.some((id) => id === "")) {
    throw new UsageError({ message: `flag --guarantees takes guarantee ids separated by commas, not "${text}" (known: ${known.join(", ")})` })
  }
  const unknown = asked.find((id) => !(known as ReadonlyArray<string>).includes(id))
  if (unknown !== undefined) throw new UsageError({ message: `unknown guarantee "${unknown}" for --guarantees (known: ${known.join(", ")})` })
  return known.filter((id) => asked.includes(id))
}
