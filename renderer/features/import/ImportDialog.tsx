/**
 * The import dialog: choose a file (button, input or drag & drop), preview with overrides (column
 * types too, with the engine's notes on nearly typed columns), import with
 * progress and Cancel, then the reconciliation report and rejects. Files chosen together wait in a
 * queue; "Next file" moves on (Done drops the rest). Presentational: every step is a store action.
 */
import { useWorkbench } from '../../store/react';
import { FileChooser } from './FileChooser';
import { ImportOptionsForm } from './ImportOptionsForm';
import { ImportReportView } from './ImportReportView';
import { SniffPreview } from './SniffPreview';
import { TypeChoices } from './TypeChoices';

export function ImportDialog() {
  const d = useWorkbench((s) => s.importDialog);
  const close = useWorkbench((s) => s.closeImport);
  const run = useWorkbench((s) => s.runImport);
  const cancel = useWorkbench((s) => s.cancelImport);
  const openImport = useWorkbench((s) => s.openImport);
  const queue = useWorkbench((s) => s.importQueue);
  const next = useWorkbench((s) => s.nextImportFile);
  const chooseType = useWorkbench((s) => s.setImportColumnType);
  if (!d.open) return null;
  const nextButton = queue.length > 0 && (
    <button
      type="button"
      className={`btn${d.phase === 'done' ? ' primary' : ''}`}
      data-testid="import-next"
      onClick={() => void next()}
    >
      Next file: {queue[0]!.name}
      {queue.length > 1 ? ` (+${queue.length - 1})` : ''}
    </button>
  );
  const busy = d.phase === 'importing';
  const pct = d.progress?.fraction == null ? null : Math.round(d.progress.fraction * 100);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && close()}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        data-testid="import-dialog"
        data-phase={d.phase}
        onKeyDown={(e) => e.key === 'Escape' && !busy && close()}
      >
        <div className="modal-header">
          <h2 id="import-title">Import {d.fileName ? <span className="file-name">{d.fileName}</span> : 'a file'}</h2>
          <button type="button" className="btn icon small" aria-label="Close" disabled={busy} onClick={close}>
            ✕
          </button>
        </div>
        <div className="modal-body">
          {(d.phase === 'choose' || (d.phase === 'error' && !d.fileRef)) && <FileChooser />}
          {d.phase === 'staging' && <div className="muted">Bringing the file into the workspace…</div>}
          {d.error && (
            <div className="error-box" role="alert" data-testid="import-error">
              <strong>
                {d.error.code === 'interrupted' ? 'Import cancelled.' : 'The file could not be imported.'}
              </strong>{' '}
              {d.error.message}
              <div className="hint">{d.error.hint}</div>
            </div>
          )}
          {d.fileRef && d.phase !== 'done' && (
            <>
              <ImportOptionsForm />
              {d.phase === 'sniffing' && <div className="muted">Reading a preview…</div>}
              {d.sniff && (
                <TypeChoices
                  issues={d.sniff.typeIssues ?? []}
                  warnings={d.sniff.warnings}
                  unit={d.sniff.format === 'xlsx' ? 'row' : 'line'}
                />
              )}
              {d.sniff && <SniffPreview sniff={d.sniff} chosen={d.options.columnTypes ?? {}} onChoose={chooseType} />}
            </>
          )}
          {busy && (
            <div className="import-progress" role="status" data-testid="import-progress">
              <div>{d.progress?.message || 'Importing'}…</div>
              <div className={`progress${pct === null ? ' indeterminate' : ''}`}>
                <div className="progress-bar" style={{ width: pct === null ? '40%' : `${pct}%` }} />
              </div>
            </div>
          )}
          {d.phase === 'done' && d.report && <ImportReportView report={d.report} />}
        </div>
        <div className="modal-footer">
          {busy ? (
            <button type="button" className="btn" data-testid="import-cancel" onClick={() => void cancel()}>
              Cancel import
            </button>
          ) : d.phase === 'done' ? (
            <>
              <button type="button" className="btn" onClick={openImport}>
                Import another
              </button>
              {nextButton}
              <button
                type="button"
                className={`btn${queue.length ? '' : ' primary'}`}
                data-testid="import-close"
                onClick={close}
              >
                Done
              </button>
            </>
          ) : (
            <>
              {nextButton}
              {d.fileRef && (
                <button type="button" className="btn" onClick={openImport}>
                  Choose another file
                </button>
              )}
              <button type="button" className="btn" onClick={close}>
                Close
              </button>
              <button
                type="button"
                className="btn primary"
                data-testid="import-confirm"
                disabled={!d.fileRef || !d.sniff || d.phase !== 'ready' || !d.options.table}
                onClick={() => void run()}
              >
                Import
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
