/** One column of a markdown table. */
export interface Column<Row> {
  readonly header: string;
  /** @default 'left' */
  readonly align?: 'left' | 'right';
  readonly cell: (row: Row) => string;
}

/**
 * Renders a GitHub-flavoured markdown table with padded cells, so it reads well in a terminal and pastes into a
 * PR description unchanged. Pipes inside cells are escaped.
 */
export function markdownTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row).replaceAll('|', '\\|')));
  const widths = columns.map((column, i) => Math.max(3, column.header.length, ...cells.map((r) => r[i]!.length)));
  const pad = (text: string, i: number): string => (columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const line = (values: readonly string[]): string => `| ${values.map(pad).join(' | ')} |`;
  const rule = `| ${columns.map((c, i) => (c.align === 'right' ? `${'-'.repeat(widths[i]! - 1)}:` : '-'.repeat(widths[i]!))).join(' | ')} |`;
  return [line(columns.map((c) => c.header)), rule, ...cells.map(line)].join('\n');
}
