/** A column: its heading and whether numbers line up on the right. */
export interface Column {
  readonly heading: string;
  readonly align?: 'left' | 'right';
}

/**
 * Renders rows as a plain-text table with one space-padded column per field: readable in a
 * terminal, and `grep`/`awk` friendly because no borders get in the way.
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, index) =>
    Math.max(column.heading.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? '';
        const width = widths[index] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return `${[line(columns.map((column) => column.heading)), ...rows.map(line)].join('\n')}\n`;
}

/** `key: value` lines with the values aligned, for one record. */
export function renderFields(fields: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...fields.map(([key]) => key.length));
  return `${fields.map(([key, value]) => `${`${key}:`.padEnd(width + 1)}  ${value}`).join('\n')}\n`;
}
