/**
 * Names and keys inside a program listing: shown as they are when plain,
 * JSON-quoted when not, so an empty key, a space, a control character, a
 * lone surrogate or a very long key reads unambiguously on one line.
 *
 * @internal
 * @module
 */
import { quoteJson } from "../../../spec/internal/quoteInput.ts"

/** Characters a name may have to be shown unquoted (none of the listing's separators `/ @ = [ ] ->` or spaces). */
const plain = /^[A-Za-z0-9_.:-]+$/

/** The most characters (code points) of a long name a listing shows; the rest is cut, saying how long it was. */
export const nameShownMax = 40

/**
 * A name, key or value as a listing shows it: unchanged when it is plain
 * (letters, digits, `_ . : -`), else in JSON double quotes with every
 * character a terminal acts on escaped (lone surrogates become `\udXXX`);
 * beyond {@link nameShownMax} code points it is cut and its length said.
 *
 * @example
 * ```ts
 * formatName("k0") // k0
 * formatName("") // ""
 * formatName("\uD800") // "\ud800"
 * formatName("k".repeat(300)) // "kkk…k"… (300 characters)
 * ```
 */
export const formatName = (name: string): string => {
  if (plain.test(name) && name.length <= nameShownMax) return name
  const codePoints = Array.from(name)
  const cut = codePoints.length > nameShownMax
  const quoted = quoteJson(cut ? codePoints.slice(0, nameShownMax).join("") : name)
  return cut ? `${quoted}… (${name.length.toLocaleString("en-US")} characters)` : quoted
}

/** `group/member`, each part as {@link formatName} shows it. */
export const formatMember = (address: { readonly group: string; readonly member: string }): string =>
  `${formatName(address.group)}/${formatName(address.member)}`

/** `topic/partition`, the topic as {@link formatName} shows it. */
export const formatTopicPartition = (tp: { readonly topic: string; readonly partition: number }): string =>
  `${formatName(tp.topic)}/${tp.partition}`
