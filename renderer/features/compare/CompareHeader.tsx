/**
 * The compare view's header: the comparison's name (saved or not, and whether it has unsaved
 * changes), the table, snapshot and as-of it ran on, saving under a name (over the open file, or as
 * a new one), the saved comparisons, the HTML report, and closing the view.
 */
import { useEffect, useState } from 'react';
import { formatCount } from '../../app/format';
import { palettes } from '../../charts/palette';
import { columnColorKey, slotColor, viewSlots } from '../../charts/segmentColors';
import { useWorkspaceSlots } from '../segments/useSegmentColors';
import { isComparisonDirty } from '../../store/unsaved';
import { fileStem } from '../../store/exportSlice';
import { useWorkbench, useWorkbenchStore } from '../../store/react';
import { buildReportHtml } from './reportHtml';
import { reportImages } from './reportImages';
import { SavedComparisonsMenu } from './SavedComparisons';
import { useSaveFile } from './useSaveFile';

export function CompareHeader() {
  const result = useWorkbench((s) => s.compare?.base?.result ?? null);
  const saved = useWorkbench((s) => s.compare?.saved ?? null);
  const dirty = useWorkbench((s) => isComparisonDirty(s.compare));
  const close = useWorkbench((s) => s.closeCompare);
  return (
    <div className="compare-header">
      <div className="compare-title">
        <h1 data-testid="compare-title">
          {saved?.name ?? 'Comparison'}
          {dirty && (
            <span className="muted" title="Unsaved changes">
              {' '}
              •
            </span>
          )}
        </h1>
        {result && (
          <span
            className="chip"
            data-testid="compare-snapshot"
            data-snapshot={result.snapshot}
            title={`Snapshot ${result.snapshot}; rules evaluated as of ${result.asOf} (${result.asOfSource}); computed in ${Math.round(result.elapsedMs)} ms`}
          >
            {result.table} · snapshot as of {result.snapshotAsOf} · {formatCount(result.total)} rows
          </span>
        )}
      </div>
      <div className="compare-actions">
        <SaveComparison />
        <SavedComparisonsMenu />
        <ReportButton />
        <button
          type="button"
          className="btn icon small"
          aria-label="Close the comparison"
          title="Close the comparison"
          data-testid="compare-close"
          onClick={close}
        >
          ✕
        </button>
      </div>
      {result && result.warnings.length > 0 && (
        <ul className="warnings compare-warnings">
          {result.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SaveComparison() {
  const saved = useWorkbench((s) => s.compare?.saved ?? null);
  const save = useWorkbench((s) => s.saveComparison);
  const [name, setName] = useState(saved?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setName(saved?.name ?? ''), [saved?.name]);
  const run = async (asNew: boolean) => {
    const n = name.trim();
    if (!n) return setError('Give the comparison a name.');
    setBusy(true);
    const err = await save(n, asNew);
    setBusy(false);
    setError(err ? err.message : null);
  };
  return (
    <span className="save-comparison">
      <input
        aria-label="Comparison name"
        placeholder="Name this comparison"
        data-testid="comparison-name"
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => e.key === 'Enter' && void run(false)}
      />
      <button
        type="button"
        className="btn small"
        data-testid="comparison-save"
        disabled={busy}
        onClick={() => void run(false)}
        title={saved ? `Save over ${saved.file}` : 'Save in the workspace'}
      >
        Save
      </button>
      {saved && (
        <button
          type="button"
          className="btn small"
          data-testid="comparison-save-new"
          disabled={busy}
          onClick={() => void run(true)}
        >
          Save as new
        </button>
      )}
      {error && (
        <span className="bad small" role="alert" data-testid="comparison-save-error">
          {error}
        </span>
      )}
    </span>
  );
}

function ReportButton() {
  const store = useWorkbenchStore();
  const slots = useWorkspaceSlots();
  const { save, note } = useSaveFile();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const s = store.getState();
    const v = s.compare!;
    const title = v.saved?.name ?? 'Comparison';
    await save(`${fileStem(title)}.html`, 'html', async () => {
      const r = await s.fetchCompareReport();
      // The report is drawn in the light palette: each column its colour there.
      const colors = viewSlots(r.segments.map(columnColorKey), slots).map((k) => slotColor(k, palettes.light));
      const images = await reportImages(r, v.breakdown.layout, colors);
      return {
        text: buildReportHtml({
          title,
          result: r,
          measures: Object.keys(r.baseline.measures),
          images,
          colors,
          generatedAt: new Date().toISOString(),
        }),
      };
    });
    setBusy(false);
  };
  return (
    <>
      <button
        type="button"
        className="btn small"
        data-testid="compare-report"
        disabled={busy}
        title="One HTML file with every table and chart, the definitions' versions and hashes, the snapshot and as-of"
        onClick={() => void run()}
      >
        {busy ? 'Making report…' : 'Report (HTML)'}
      </button>
      {note && (
        <span className={`save-note${note.error ? ' bad' : ''}`} role="status" data-testid="compare-report-note">
          {note.text}
        </span>
      )}
    </>
  );
}
