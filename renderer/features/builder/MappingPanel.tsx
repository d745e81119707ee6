/**
 * The mapping step for a definition written against other names (a template, a teammate's file):
 * pick this workspace's table for each table it reads and a column for each column it cannot find,
 * then apply (one undoable edit). Suggestions: same name ignoring case, else a name containing it.
 */
import { useMemo, useState } from 'react';
import type { TableInfo } from '../../../shared/api/dataApi';
import { missingReads, type FieldMapping } from '../../store/builder/remap';
import { useWorkbench } from '../../store/react';

function suggest(name: string, table: TableInfo | undefined): string | undefined {
  const cols = table?.columns.map((c) => c.name) ?? [];
  const lower = name.toLowerCase();
  return (
    cols.find((c) => c.toLowerCase() === lower) ??
    cols.find((c) => c.toLowerCase().includes(lower) || lower.includes(c.toLowerCase()))
  );
}

export function MappingPanel() {
  const def = useWorkbench((s) => s.builder?.definition);
  const tables = useWorkbench((s) => s.tables);
  const apply = useWorkbench((s) => s.applyMapping);
  const [mapping, setMapping] = useState<FieldMapping>({ tables: {}, columns: {} });
  const initial = useMemo(() => (def ? missingReads(def, tables) : null), [def, tables]);
  if (!def || !initial || Object.keys(initial.columns).length === 0) return null;
  const targetOf = (table: string) => tables.find((t) => t.name === (mapping.tables[table] ?? table));
  const chosen = (table: string, col: string) => mapping.columns[table]?.[col] ?? suggest(col, targetOf(table)) ?? '';
  const effective: FieldMapping = {
    tables: mapping.tables,
    columns: Object.fromEntries(
      Object.entries(initial.columns).map(([t, cols]) => [
        t,
        Object.fromEntries(cols.map((c) => [c, chosen(t, c)]).filter(([, v]) => v !== '')),
      ]),
    ),
  };
  const remaining = missingReads(def, tables, effective);
  const complete = remaining.tables.length === 0 && Object.keys(remaining.columns).length === 0;
  return (
    <div className="mapping" data-testid="mapping-panel">
      <div className="section-title">Map fields to this workspace</div>
      <div className="muted small">
        This definition reads tables or columns that are named differently here. Choose what each one is.
      </div>
      {Object.entries(initial.columns).map(([table, cols]) => (
        <div key={table} className="mapping-table">
          <div className="inline small">
            <strong>{table}</strong> →
            {initial.tables.includes(table) ? (
              <select
                aria-label={`Table for ${table}`}
                data-testid={`map-table-${table}`}
                value={mapping.tables[table] ?? ''}
                onChange={(e) => setMapping({ ...mapping, tables: { ...mapping.tables, [table]: e.target.value } })}
              >
                <option value="">choose a table…</option>
                {tables.map((t) => (
                  <option key={t.name}>{t.name}</option>
                ))}
              </select>
            ) : (
              <span>{table}</span>
            )}
          </div>
          {cols.map((col) => (
            <div key={col} className="inline small mapping-col">
              <code>{col}</code> →
              <select
                aria-label={`Column for ${table}.${col}`}
                data-testid={`map-col-${table}-${col}`}
                value={chosen(table, col)}
                disabled={!targetOf(table)}
                onChange={(e) =>
                  setMapping({
                    ...mapping,
                    columns: { ...mapping.columns, [table]: { ...mapping.columns[table], [col]: e.target.value } },
                  })
                }
              >
                <option value="">choose a column…</option>
                {targetOf(table)?.columns.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name} ({c.type})
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      ))}
      {initial.hasSql && (
        <div className="diag warning">
          SQL text in this definition is not rewritten: check its column names by hand.
        </div>
      )}
      <button
        type="button"
        className="btn primary small"
        data-testid="map-apply"
        disabled={!complete}
        onClick={() => apply(effective)}
      >
        Apply mapping
      </button>
    </div>
  );
}
