import { describe, expect, it } from "vitest"
import { chartKeyOf, formatLineChart, type LineChart, padded } from "./xyChart.ts"
import { paragraph } from "./paragraph.ts"

const chart: LineChart = {
  title: 'Depth "now"',
  xTitle: "tick",
  xLabels: [1, 2, 3],
  yTitle: "messages",
  lines: [{ label: "a", color: "blue", values: [3, 5, 0] }, { label: "b", color: "orange", values: [1, 1, 1] }]
}

describe("formatLineChart", () => {
  it("writes an xychart-beta with the palette in line order and the y axis up to the largest value", () => {
    expect(formatLineChart(chart).split("\n")).toEqual([
      "---",
      "config:",
      "  themeVariables:",
      "    xyChart:",
      '      plotColorPalette: "#1f77b4, #ff7f0e"',
      "---",
      "xychart-beta",
      `  title "Depth 'now'"`,
      '  x-axis "tick" [1, 2, 3]',
      '  y-axis "messages" 0 --> 5',
      "  line [3, 5, 0]",
      "  line [1, 1, 1]"
    ])
    expect(chartKeyOf(chart)).toBe("blue: a, orange: b")
  })

  it("refuses a line whose length differs from the labels'", () => {
    expect(() => formatLineChart({ ...chart, lines: [{ label: "short", color: "red", values: [1] }] })).toThrow("line short has 1 values for 3 x labels")
  })

  it("pads a series that ended early", () => {
    expect(padded([2, 1], 4)).toEqual([2, 1, 0, 0])
    expect(padded([2, 1], 1)).toEqual([2, 1])
  })
})

describe("paragraph", () => {
  it("wraps at the width, ends with an empty line, and never starts a line with a Markdown block marker", () => {
    expect(paragraph("aaa bbb ccc", 7)).toEqual(["aaa bbb", "ccc", ""])
    expect(paragraph("aaa bbb 10. ccc", 7)).toEqual(["aaa bbb 10.", "ccc", ""])
    expect(paragraph("aaa - b", 3)).toEqual(["aaa -", "b", ""])
    expect(paragraph("")).toEqual([""])
  })
})
