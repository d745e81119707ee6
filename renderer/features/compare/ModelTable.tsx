/**
 * A compare table model on screen (compareTables.ts): group headings over a measure's columns,
 * numbers right-aligned with their exact value on hover, the column's colour before its name. Rows
 * and cells carry data attributes (row name, column label, exact value) so tests read what is shown.
 */
import { memo } from 'react';
import { visibleModel, type TableModel } from './compareTables';

export const ModelTable = memo(function ModelTable({
  model,
  testId,
  rowLimit,
}: {
  model: TableModel;
  testId: string;
  rowLimit?: number;
}) {
  const m = visibleModel(model);
  const groups: { label: string; span: number }[] = [];
  for (const c of m.columns) {
    const last = groups[groups.length - 1];
    if (last && c.group && last.label === c.group) last.span++;
    else groups.push({ label: c.group ?? '', span: 1 });
  }
  const grouped = m.columns.some((c) => c.group);
  const rows = rowLimit === undefined ? m.rows : m.rows.slice(0, rowLimit);
  return (
    <div className="model-table-wrap">
      <table className="model-table" data-testid={testId}>
        <thead>
          {grouped && (
            <tr className="groups">
              {groups.map((g, i) => (
                <th key={i} colSpan={g.span} scope="colgroup">
                  {g.label}
                </th>
              ))}
            </tr>
          )}
          <tr>
            {m.columns.map((c, i) => (
              <th key={i} scope="col" className={i > 0 && m.rows[0]?.cells[i]?.numeric ? 'num' : undefined}>
                {c.group && c.label.startsWith(`${c.group} `) ? c.label.slice(c.group.length + 1) : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, ri) => (
            <tr key={ri} className={r.kind} data-row={r.cells[0]?.text}>
              {r.cells.map((c, ci) => (
                <td
                  key={ci}
                  className={c.numeric ? 'num' : undefined}
                  data-col={m.columns[ci]!.label}
                  data-exact={c.numeric ? c.exact : undefined}
                  title={c.numeric && c.exact !== c.text ? c.exact : undefined}
                >
                  {ci === 0 && r.color && <span className="seg-dot" style={{ background: r.color }} aria-hidden />}
                  {c.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
