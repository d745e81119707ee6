/**
 * "Export members": format, columns (the table's, then the definition's metrics; all by default, in
 * that order), on the snapshot the grid shows. Exporting asks the platform where the file goes (a
 * save dialog in the app, a download in the browser), then shows progress with Cancel, and the rows
 * written or what went wrong. Presentational: every step is a store action. Rendered into <body> so
 * no scrolling sidebar or panel clips it.
 */
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { exportFormats, type ExportFormat } from '../../../shared/api/segmentsApi';
import { formatCount } from '../../app/format';
import { usePlatform } from '../../app/platformContext';
import { useWorkbench, useWorkbenchShallow } from '../../store/react';
import './exportDialog.css';

const FORMAT_LABEL: Record<ExportFormat, string> = {
  csv: 'CSV',
  parquet: 'Parquet',
  json: 'JSON',
  xlsx: 'Excel (.xlsx)',
};

export function ExportDialog() {
  const d = useWorkbench((s) => s.exportDialog);
  const a = useWorkbenchShallow((s) => ({
    close: s.closeExport,
    run: s.runExport,
    cancel: s.cancelExport,
    setFormat: s.setExportFormat,
    toggle: s.toggleExportColumn,
    setAll: s.setAllExportColumns,
  }));
  const { exports } = usePlatform();
  const box = useRef<HTMLDivElement>(null);
  // Focus moves into the dialog when it opens, so Escape and Tab work at once.
  useEffect(() => {
    if (d.open) box.current?.focus();
  }, [d.open]);
  if (!d.open) return null;
  const busy = d.phase === 'exporting';
  const chosen = d.columns.filter((c) => c.checked).length;
  const pct = d.progress?.fraction == null ? null : Math.round(d.progress.fraction * 100);
  const canRun = !busy && d.phase !== 'loading' && d.target !== null && chosen > 0;
  return createPortal(
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && a.close()}>
      <div
        ref={box}
        tabIndex={-1}
        className="modal export-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        data-testid="export-dialog"
        data-phase={d.phase}
        onKeyDown={(e) => e.key === 'Escape' && !busy && a.close()}
      >
        <div className="modal-header">
          <h2 id="export-title">
            Export members of <span className="file-name">{d.name}</span>
          </h2>
          <button type="button" className="btn icon small" aria-label="Close" disabled={busy} onClick={a.close}>
            ✕
          </button>
        </div>
        <div className="modal-body">
          {d.phase === 'loading' && <div className="muted">Reading the definition…</div>}
          {d.table && (
            <div className="muted small" data-testid="export-source">
              {d.versionLabel} · {d.table} · {d.snapshotLabel}
            </div>
          )}
          {d.narrow && (
            <div className="diag info" data-testid="export-narrow">
              Only the rows of {d.narrow.label}: the members that the grid shows for it.
            </div>
          )}
          {d.scheme && (
            <div className="diag info">
              A scheme is a partition: every row is exported, with its tier as a last column.
            </div>
          )}
          {d.columns.length > 0 && (
            <>
              <fieldset className="export-formats" disabled={busy}>
                <legend>Format</legend>
                {exportFormats.map((f) => (
                  <label key={f}>
                    <input
                      type="radio"
                      name="export-format"
                      value={f}
                      checked={d.format === f}
                      data-testid={`export-format-${f}`}
                      onChange={() => a.setFormat(f)}
                    />{' '}
                    {FORMAT_LABEL[f]}
                  </label>
                ))}
              </fieldset>
              <fieldset className="export-columns" disabled={busy}>
                <legend>
                  Columns{' '}
                  <span className="muted">
                    ({chosen} of {d.columns.length})
                  </span>{' '}
                  <button
                    type="button"
                    className="btn small"
                    data-testid="export-cols-all"
                    onClick={() => a.setAll(true)}
                  >
                    All
                  </button>{' '}
                  <button
                    type="button"
                    className="btn small"
                    data-testid="export-cols-none"
                    onClick={() => a.setAll(false)}
                  >
                    None
                  </button>
                </legend>
                <ul>
                  {d.columns.map((c) => (
                    <li key={c.name}>
                      <label>
                        <input
                          type="checkbox"
                          checked={c.checked}
                          data-testid={`export-col-${c.name}`}
                          onChange={() => a.toggle(c.name)}
                        />{' '}
                        {c.name} <span className="muted small">{c.kind === 'metric' ? 'metric' : c.type}</span>
                        {c.key && <span className="badge">key</span>}
                      </label>
                    </li>
                  ))}
                </ul>
                {chosen === 0 && <div className="diag warning">Choose at least one column.</div>}
              </fieldset>
            </>
          )}
          {busy && (
            <div className="import-progress" role="status" data-testid="export-progress">
              <div>{d.progress?.message || 'Exporting'}…</div>
              <div className={`progress${pct === null ? ' indeterminate' : ''}`}>
                <div className="progress-bar" style={{ width: pct === null ? '40%' : `${pct}%` }} />
              </div>
            </div>
          )}
          {d.error && (
            <div className="error-box" role="alert" data-testid="export-error">
              <strong>
                {d.error.code === 'interrupted' ? 'Export cancelled.' : 'The members could not be exported.'}
              </strong>{' '}
              {d.error.message}
              <div className="hint">{d.error.hint}</div>
            </div>
          )}
          {d.phase === 'done' && d.result && (
            <div className="diag info" role="status" data-testid="export-result" data-rows={d.result.rows}>
              Exported {formatCount(d.result.rows)} {d.result.rows === 1 ? 'row' : 'rows'} ({d.result.columns.length}{' '}
              {d.result.columns.length === 1 ? 'column' : 'columns'}, {FORMAT_LABEL[d.result.format]}) to{' '}
              <span className="file-name">{d.result.where}</span>.
            </div>
          )}
        </div>
        <div className="modal-footer">
          {busy ? (
            <button type="button" className="btn" data-testid="export-cancel" onClick={() => void a.cancel()}>
              Cancel export
            </button>
          ) : (
            <>
              <button type="button" className="btn" data-testid="export-close" onClick={a.close}>
                {d.phase === 'done' ? 'Done' : 'Close'}
              </button>
              <button
                type="button"
                className="btn primary"
                data-testid="export-run"
                disabled={!canRun}
                onClick={() => void a.run(exports)}
              >
                {d.phase === 'done' ? 'Export again…' : 'Export…'}
              </button>
            </>
          )}
        </div>
      </div>
    </div>,
    document.body,
  );
}
