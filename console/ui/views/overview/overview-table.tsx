import type { ConsoleConfig } from '../../../api-types';
import { NOT_AVAILABLE } from '../../lib/format';
import type { OverviewColumn, OverviewSectionSpec } from './section-spec';

interface Props<Row extends { readonly name: string }> {
  readonly spec: OverviewSectionSpec<Row>;
  readonly config: ConsoleConfig;
  readonly names: readonly string[];
  readonly reported: readonly Row[];
}

/** A row per name, in the given order, with what the latest sample reports of it. */
export function OverviewTable<Row extends { readonly name: string }>({
  spec,
  config,
  names,
  reported,
}: Props<Row>) {
  return (
    <div class="table-scroll">
      <table class="data-table" aria-labelledby={spec.headingId}>
        <thead>
          <tr>
            <th scope="col">{spec.rowHeader}</th>
            {spec.columns.map((column) => (
              <th key={column.header} scope="col" class={column.numeric ? 'numeric' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {names.map((name) => {
            const row = reported.find((candidate) => candidate.name === name);
            return (
              <tr key={name} {...{ [spec.rowAttribute]: name }}>
                <th scope="row">{name}</th>
                {spec.columns.map((column) => (
                  <td key={column.header} class={cellClass(column, row)}>
                    {row === undefined
                      ? (column.unreported?.(name, config) ?? NOT_AVAILABLE)
                      : column.value(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const cellClass = <Row,>(column: OverviewColumn<Row>, row: Row | undefined): string | undefined => {
  const attention = row !== undefined && column.attention?.(row) === true;
  const classes = [column.numeric ? 'numeric' : '', attention ? 'attention' : ''].filter(Boolean);
  return classes.length === 0 ? undefined : classes.join(' ');
};
