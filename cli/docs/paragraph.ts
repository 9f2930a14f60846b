/**
 * Wraps generated prose for the Markdown docs: a paragraph built from
 * computed sentences is cut into lines of at most `width` characters at
 * spaces, as the hand-wrapped sections are, so the generated file stays
 * readable as text.
 *
 * @module
 */

/** A word Markdown would read as a block marker at the start of a line (a list item, a heading, a quote), ending the paragraph. */
const startsABlock = (word: string): boolean => /^([-+*>]|#{1,6}|\d{1,9}[.)])$/.test(word)

/**
 * `text`'s words in lines of at most `width` characters (120 unless told),
 * then an empty line. A word longer than `width` keeps a line of its own; a
 * word that would start a Markdown block at the start of a line stays at the
 * end of the line before instead.
 */
export const paragraph = (text: string, width = 120): ReadonlyArray<string> => {
  const lines: Array<string> = []
  let line = ""
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line.length > 0 && line.length + 1 + word.length > width && !startsABlock(word)) {
      lines.push(line)
      line = word
    } else {
      line = line.length === 0 ? word : `${line} ${word}`
    }
  }
  if (line.length > 0) lines.push(line)
  return [...lines, ""]
}
