/**
 * Versions of the saved segment: the list (number, date, note, hash check; click one to open it
 * read-only) and a comparison of any two — readable changes and the members the newer version adds and removes on the latest snapshot.
 */
import { useState } from 'react';
import { formatCount } from '../../app/format';
import { useWorkbench } from '../../store/react';

export function HistoryView() {
  const history = useWorkbench((s) => s.builder?.history ?? null);
  const compare = useWorkbench((s) => s.builder?.compare ?? null);
  const run = useWorkbench((s) => s.compareVersions);
  const viewing = useWorkbench((s) => s.builder?.viewing?.version ?? null);
  const view = useWorkbench((s) => s.viewVersion);
  const versions = history?.versions ?? [];
  const latest = versions[versions.length - 1]?.version ?? 0;
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  if (!history || versions.length === 0) return null;
  const a = from ?? Math.max(1, latest - 1);
  const b = to ?? latest;
  return (
    <div className="history" data-testid="history">
      <div className="section-title">Versions</div>
      <ol className="version-list">
        {[...versions].reverse().map((v) => (
          <li key={v.version} data-testid={`version-${v.version}`} className={viewing === v.version ? 'viewing' : undefined}>
            <button type="button" className="link" title="Open this version read-only" onClick={() => view(viewing === v.version ? null : v.version)}>
              v{v.version}
            </button> <span className="muted small">{v.createdAt.replace('T', ' ').slice(0, 16)}</span> {v.note ? `— ${v.note}` : ''}
            {!v.hashValid && <span className="badge warn" title="The stored hash does not match the definition">hash mismatch</span>}
          </li>
        ))}
      </ol>
      {versions.length > 1 && (
        <div className="inline small">
          Compare
          <select aria-label="Older version" data-testid="compare-from" value={a} onChange={(e) => setFrom(Number(e.target.value))}>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
          →
          <select aria-label="Newer version" data-testid="compare-to" value={b} onChange={(e) => setTo(Number(e.target.value))}>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
          <button type="button" className="btn small" data-testid="compare-run" onClick={() => void run(a, b)}>
            Show changes
          </button>
        </div>
      )}
      {compare && (
        <div className="compare" data-testid="version-diff">
          {compare.entries.length === 0 ? (
            <div className="muted small">v{compare.from} and v{compare.to} mean the same.</div>
          ) : (
            <ul className="diff-list">
              {compare.entries.map((e, i) => (
                <li key={i} className={`diff ${e.kind}`} data-testid="diff-entry">
                  {e.text}
                </li>
              ))}
            </ul>
          )}
          {compare.members?.status === 'loading' && <div className="muted small">Comparing members…</div>}
          {compare.members?.status === 'error' && <div className="diag error">{compare.members.error}</div>}
          {compare.members?.status === 'ready' && (
            <div className="small" data-testid="member-diff" data-added={compare.members.added.length} data-removed={compare.members.removed.length}>
              Members: <span className="diff added">+{formatCount(compare.members.added.length)}</span> <span className="diff removed">−{formatCount(compare.members.removed.length)}</span>
              {compare.members.added.length > 0 && <div className="muted">added e.g. {compare.members.added.slice(0, 5).join(', ')}</div>}
              {compare.members.removed.length > 0 && <div className="muted">removed e.g. {compare.members.removed.slice(0, 5).join(', ')}</div>}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
