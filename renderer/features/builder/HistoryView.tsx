/**
 * Versions of the saved segment: the list (number, date, note, hash check; click one to open it
 * read-only) and a comparison of any two — readable changes and the members the newer version adds
 * and removes (a scheme: how rows move between tiers) on the snapshot the grid shows, else the latest.
 */
import { useEffect, useRef, useState } from 'react';
import { useWorkbench } from '../../store/react';
import { VersionMembersDiff } from './VersionMembersDiff';

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
  const diffRef = useRef<HTMLDivElement>(null);
  const shown = compare ? `${compare.from}-${compare.to}-${compare.members?.status ?? ''}` : null;
  // Bring the comparison into view where it appears (below the rules, often under the fold).
  useEffect(() => {
    if (shown) diffRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shown]);
  if (!history || versions.length === 0) return null;
  const a = from ?? Math.max(1, latest - 1);
  const b = to ?? latest;
  return (
    <div className="history" data-testid="history">
      <div className="section-title">Versions</div>
      <ol className="version-list">
        {[...versions].reverse().map((v) => (
          <li
            key={v.version}
            data-testid={`version-${v.version}`}
            className={viewing === v.version ? 'viewing' : undefined}
          >
            <button
              type="button"
              className="link"
              title="Open this version read-only"
              onClick={() => view(viewing === v.version ? null : v.version)}
            >
              v{v.version}
            </button>{' '}
            <span className="muted small">{v.createdAt.replace('T', ' ').slice(0, 16)}</span>{' '}
            {v.note ? `— ${v.note}` : ''}
            {!v.hashValid && (
              <span className="badge warn" title="The stored hash does not match the definition">
                hash mismatch
              </span>
            )}
          </li>
        ))}
      </ol>
      {versions.length > 1 && (
        <div className="inline small">
          Compare
          <select
            aria-label="Older version"
            data-testid="compare-from"
            value={a}
            onChange={(e) => setFrom(Number(e.target.value))}
          >
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
          →
          <select
            aria-label="Newer version"
            data-testid="compare-to"
            value={b}
            onChange={(e) => setTo(Number(e.target.value))}
          >
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
        <div className="compare" data-testid="version-diff" ref={diffRef}>
          {compare.entries.length === 0 ? (
            <div className="muted small">
              v{compare.from} and v{compare.to} mean the same.
            </div>
          ) : (
            <ul className="diff-list">
              {compare.entries.map((e, i) => (
                <li key={i} className={`diff ${e.kind}`} data-testid="diff-entry">
                  {e.text}
                </li>
              ))}
            </ul>
          )}
          {compare.members && <VersionMembersDiff members={compare.members} from={compare.from} to={compare.to} />}
        </div>
      )}
    </div>
  );
}
