/**
 * Line charts as Mermaid `xychart-beta` blocks, for figures the docs measure
 * over time (queue depth per tick). Mermaid draws no legend for these
 * charts, so each line gets a fixed, named colour (set through the chart's
 * `plotColorPalette`) and {@link chartKeyOf} says in words which is which.
 *
 * @module
 */

/** The colours a chart's lines take, in order, by name. */
export const chartColors = {
  blue: "#1f77b4",
  orange: "#ff7f0e",
  green: "#2ca02c",
  red: "#d62728",
  purple: "#9467bd"
} as const

/** The name of a line's colour: a key of {@link chartColors}. */
export type ChartColor = keyof typeof chartColors

/** One line of a chart: what it shows, its colour, and its value at each x label. */
export interface ChartLine {
  readonly label: string
  readonly color: ChartColor
  readonly values: ReadonlyArray<number>
}

/** A line chart: its title, the axis titles, the x labels and the lines (each as long as the labels). */
export interface LineChart {
  readonly title: string
  readonly xTitle: string
  readonly xLabels: ReadonlyArray<string | number>
  readonly yTitle: string
  readonly lines: ReadonlyArray<ChartLine>
}

/** Mermaid reads `"` as the end of a title: titles keep to plain text. */
const quoted = (text: string): string => `"${text.replace(/"/g, "'")}"`

/**
 * The chart as the body of a ```` ```mermaid ```` block: a front-matter
 * config that sets the line colours in order, then an `xychart-beta` with
 * the y axis from 0 to the largest value (at least 1).
 *
 * @example
 * ```ts
 * formatLineChart({ title: "depth", xTitle: "tick", xLabels: [1, 2], yTitle: "messages", lines: [{ label: "q", color: "blue", values: [3, 1] }] })
 * // ---\nconfig:\n  themeVariables:\n    xyChart:\n      plotColorPalette: "#1f77b4"\n---\nxychart-beta\n  title "depth"\n  ...
 * ```
 */
export const formatLineChart = (chart: LineChart): string => {
  for (const line of chart.lines) {
    if (line.values.length !== chart.xLabels.length) throw new Error(`line ${line.label} has ${line.values.length} values for ${chart.xLabels.length} x labels`)
  }
  const yMax = Math.max(1, ...chart.lines.flatMap((line) => line.values))
  return [
    "---",
    "config:",
    "  themeVariables:",
    "    xyChart:",
    `      plotColorPalette: "${chart.lines.map((line) => chartColors[line.color]).join(", ")}"`,
    "---",
    "xychart-beta",
    `  title ${quoted(chart.title)}`,
    `  x-axis ${quoted(chart.xTitle)} [${chart.xLabels.join(", ")}]`,
    `  y-axis ${quoted(chart.yTitle)} 0 --> ${yMax}`,
    ...chart.lines.map((line) => `  line [${line.values.join(", ")}]`)
  ].join("\n")
}

/** The chart's key in words, for the sentence under it: "blue: absorbing, orange: blocking". */
export const chartKeyOf = (chart: LineChart): string => chart.lines.map((line) => `${line.color}: ${line.label}`).join(", ")

/** `values` padded with `fill` to `length` (a series that ended early: a drained queue stays at 0). */
export const padded = (values: ReadonlyArray<number>, length: number, fill = 0): ReadonlyArray<number> =>
  values.length >= length ? values : [...values, ...Array.from({ length: length - values.length }, () => fill)]
