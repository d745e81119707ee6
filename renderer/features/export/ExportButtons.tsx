/**
 * Small entry points placed by other features: "Export members…" in the builder's header, and
 * Copy / Download .sql beside the SQL preview (the platform decides where a saved file goes).
 */
import { useState } from 'react';
import { copyText } from '../../platform/exports';
import { usePlatform } from '../../app/platformContext';
import { fileStem } from '../../store/exportSlice';
import { useWorkbench } from '../../store/react';
import './exportDialog.css';

export function BuilderExportButton() {
  const open = useWorkbench((s) => s.openExportFromBuilder);
  const busy = useWorkbench((s) => s.exportDialog.phase === 'exporting');
  return (
    <button
      type="button"
      className="btn small"
      title="Export the members of what the builder shows (this version, or the unsaved draft)"
      data-testid="builder-export"
      disabled={busy}
      onClick={open}
    >
      Export…
    </button>
  );
}

export function SqlActions() {
  const preview = useWorkbench((s) => s.builder?.sqlPreview ?? null);
  const name = useWorkbench((s) => s.builder?.name ?? 'segment');
  const { exports } = usePlatform();
  const [note, setNote] = useState<string | null>(null);
  if (!preview || preview.status !== 'ready' || !preview.sql) return null;
  const say = (text: string) => {
    setNote(text);
    setTimeout(() => setNote((n) => (n === text ? null : n)), 2500);
  };
  const sql = preview.sql.endsWith('\n') ? preview.sql : `${preview.sql}\n`;
  return (
    <span className="sql-actions">
      <button
        type="button"
        className="btn small"
        data-testid="sql-copy"
        onClick={() =>
          void copyText(preview.sql).then(
            () => say('Copied'),
            (e: unknown) => say(e instanceof Error ? e.message : 'Copy failed'),
          )
        }
      >
        Copy
      </button>
      <button
        type="button"
        className="btn small"
        data-testid="sql-download"
        onClick={() =>
          void exports.saveText(`${fileStem(name)}.${preview.dialect}.sql`, sql).then(
            (saved) => saved && say(`Saved ${saved}`),
            (e: unknown) => say(e instanceof Error ? e.message : 'Save failed'),
          )
        }
      >
        Download .sql
      </button>
      {note && (
        <span className="muted small" role="status">
          {note}
        </span>
      )}
    </span>
  );
}
