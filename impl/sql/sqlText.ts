/**
 * Strings stored in SQLite so that they round-trip exactly and sort as
 * JavaScript sorts them. sql.js binds a string as UTF-8, which replaces a
 * lone surrogate (generated runs have them) with U+FFFD, and SQLite's BINARY
 * collation orders UTF-8 by code point, which puts an astral character
 * (a surrogate pair in JavaScript) after U+E000..U+FFFF, where JavaScript's
 * code-unit order (`a < b`) puts it before. So every string column is a BLOB
 * holding the string's UTF-16 code units, big-endian: a BLOB compares with
 * memcmp, and memcmp on big-endian code units is code-unit order.
 *
 * @module
 */

/** The BLOB that stores `text`: its UTF-16 code units, big-endian, two bytes each. */
export const encodeText = (text: string): Uint8Array => {
  const bytes = new Uint8Array(text.length * 2)
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    bytes[2 * i] = unit >> 8
    bytes[2 * i + 1] = unit & 0xff
  }
  return bytes
}

/** The string a BLOB of {@link encodeText} stores (dies on any other value: the schema only stores those). */
export const decodeText = (value: unknown): string => {
  if (!(value instanceof Uint8Array) || value.length % 2 !== 0) {
    throw new Error(`qsem impl/sql: expected a text BLOB, got ${typeof value}`)
  }
  let text = ""
  for (let i = 0; i < value.length; i += 2) text += String.fromCharCode((value[i] << 8) | value[i + 1])
  return text
}
