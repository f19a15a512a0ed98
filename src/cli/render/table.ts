// Plain tables for people: a header, aligned columns, no borders, no dependency.
import { visibleWidth } from "./text.js";

export interface Column<Row> {
  header: string;
  /** The cell's text (may carry colors; alignment ignores them). */
  value: (row: Row) => string;
  align?: "left" | "right";
}

export interface TableOptions {
  /** Styles the header line (e.g. bold). */
  styleHeader?: (text: string) => string;
  /** Spaces between columns. */
  gap?: number;
}

function pad(text: string, width: number, align: "left" | "right"): string {
  const fill = " ".repeat(Math.max(0, width - visibleWidth(text)));
  return align === "right" ? fill + text : text + fill;
}

/** Renders rows as lines; the last column is not padded on the right. */
export function renderTable<Row>(
  columns: Column<Row>[],
  rows: Row[],
  options: TableOptions = {},
): string {
  const gap = " ".repeat(options.gap ?? 2);
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, i) =>
    Math.max(visibleWidth(column.header), ...cells.map((line) => visibleWidth(line[i]))),
  );
  const format = (line: string[]) =>
    line
      .map((cell, i) => {
        const align = columns[i].align ?? "left";
        return i === line.length - 1 && align === "left" ? cell : pad(cell, widths[i], align);
      })
      .join(gap)
      .trimEnd();
  const header = format(columns.map((column) => column.header));
  const styled = options.styleHeader ? options.styleHeader(header) : header;
  return [styled, ...cells.map(format)].join("\n");
}
