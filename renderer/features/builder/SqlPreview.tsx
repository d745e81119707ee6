/**
 * The draft compiled to SQL, in a chosen dialect (DuckDB, PostgreSQL, BigQuery, Snowflake);
 * refreshed with each edit while open; Copy and Download .sql beside it.
 */
import { DIALECTS, type DialectName } from '../../../shared/segments/dialectNames';
import { useWorkbench } from '../../store/react';
import { SqlActions } from '../export/ExportButtons';

export function SqlPreview() {
  const preview = useWorkbench((s) => s.builder?.sqlPreview ?? null);
  const show = useWorkbench((s) => s.previewSql);
  return (
    <div className="sql-preview">
      <div className="section-title with-action">
        SQL
        <select
          aria-label="SQL dialect"
          data-testid="sql-dialect"
          value={preview?.dialect ?? ''}
          onChange={(e) => void show((e.target.value || null) as DialectName | null)}
        >
          <option value="">hidden</option>
          {DIALECTS.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
        <SqlActions />
      </div>
      {preview?.error && <div className="diag error">{preview.error}</div>}
      {preview && preview.sql && (
        <pre className={`sql ${preview.status === 'loading' ? 'stale' : ''}`} data-testid="sql-preview">
          {preview.sql}
        </pre>
      )}
    </div>
  );
}
