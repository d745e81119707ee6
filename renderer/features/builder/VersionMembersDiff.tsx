/**
 * The members two versions differ by, on one snapshot: a segment's added and removed members, a
 * scheme's rows per tier in each version, every move between tiers ("292 moved Medium → Low") and
 * the transition table. Each group opens the grid on exactly its rows (▸) or the export dialog (⤓).
 */
import { formatCount } from '../../app/format';
import { describeMove, type SchemeMemberDiff, type SegmentMemberDiff } from '../../../shared/segments/memberDiff';
import type { VersionDiffRows } from '../../store/builder/versionDiffViews';
import { useWorkbench } from '../../store/react';
import type { VersionMembersDiff as DiffState } from '../../store/builderTypes';
import './versionDiff.css';

function RowsActions({ rows, what, testId }: { rows: VersionDiffRows; what: string; testId: string }) {
  const show = useWorkbench((s) => s.showVersionDiffInGrid);
  const exportRows = useWorkbench((s) => s.exportVersionDiff);
  return (
    <span className="diff-actions">
      <button
        type="button"
        className="btn small"
        title={`Show the ${what} in the grid`}
        aria-label={`Show the ${what} in the grid`}
        data-testid={`${testId}-show`}
        onClick={() => void show(rows)}
      >
        ▸ grid
      </button>
      <button
        type="button"
        className="btn small"
        title={`Export the ${what} (CSV, Parquet, JSON, Excel)`}
        aria-label={`Export the ${what}`}
        data-testid={`${testId}-export`}
        onClick={() => void exportRows(rows)}
      >
        ⤓
      </button>
    </span>
  );
}

function SegmentDiff({ d, to }: { d: SegmentMemberDiff; to: number }) {
  return (
    <ul className="member-groups">
      <li>
        <span className="diff added" data-testid="diff-added-count">
          +{formatCount(d.added)}
        </span>{' '}
        added in v{to}
        {d.added > 0 && (
          <RowsActions
            rows={{ kind: 'added' }}
            testId="diff-added"
            what={`${formatCount(d.added)} members added in v${to}`}
          />
        )}
      </li>
      <li>
        <span className="diff removed" data-testid="diff-removed-count">
          −{formatCount(d.removed)}
        </span>{' '}
        removed in v{to}
        {d.removed > 0 && (
          <RowsActions
            rows={{ kind: 'removed' }}
            testId="diff-removed"
            what={`${formatCount(d.removed)} members removed in v${to}`}
          />
        )}
      </li>
      <li className="muted">{formatCount(d.kept)} kept</li>
    </ul>
  );
}

function SchemeDiff({ d, from, to }: { d: SchemeMemberDiff; from: number; to: number }) {
  const show = useWorkbench((s) => s.showVersionDiffInGrid);
  const last = (names: readonly string[], i: number) => i === names.length - 1;
  // Out of `otherwise` is entering the scheme, into it leaving.
  const moveNote = (i: number, j: number) =>
    last(d.tiersFrom, i) ? ' (entered the scheme)' : last(d.tiersTo, j) ? ' (left the scheme)' : '';
  return (
    <>
      {d.moves.length === 0 ? (
        <div className="muted">No row changes tier.</div>
      ) : (
        <ul className="member-groups" data-testid="tier-moves">
          {d.moves.map((m) => (
            <li
              key={`${m.fromIndex}-${m.toIndex}`}
              data-testid="tier-move"
              data-from={m.from}
              data-to={m.to}
              data-rows={m.rows}
            >
              {describeMove(m, formatCount)}
              {moveNote(m.fromIndex, m.toIndex)}
              <RowsActions
                rows={{ kind: 'move', from: m.fromIndex, to: m.toIndex }}
                what={`rows that moved ${m.from} → ${m.to}`}
                testId={`tier-move-${m.fromIndex}-${m.toIndex}`}
              />
            </li>
          ))}
        </ul>
      )}
      <div className="muted" data-testid="scheme-diff-summary">
        {formatCount(d.stayed)} stayed · {formatCount(d.movedBetweenTiers)} moved between tiers ·{' '}
        {formatCount(d.entered)} entered the scheme · {formatCount(d.left)} left it
      </div>
      <div className="preview-scroll">
        <table className="mini-table transition-table" data-testid="transition-table">
          <thead>
            <tr>
              <th>
                v{from} \ v{to}
              </th>
              {d.tiersTo.map((t, j) => (
                <th key={j} className="cell-num">
                  {t}
                  {last(d.tiersTo, j) ? ' *' : ''}
                </th>
              ))}
              <th className="cell-num">v{from} total</th>
            </tr>
          </thead>
          <tbody>
            {d.tiersFrom.map((t, i) => (
              <tr key={i}>
                <th>
                  {t}
                  {last(d.tiersFrom, i) ? ' *' : ''}
                </th>
                {d.tiersTo.map((_, j) => {
                  const n = d.matrix[i]?.[j] ?? 0;
                  return (
                    <td key={j} className="cell-num" data-testid={`transition-${i}-${j}`} data-rows={n}>
                      {n === 0 ? (
                        <span className="muted">0</span>
                      ) : (
                        <button
                          type="button"
                          className="link"
                          title={`Show the ${formatCount(n)} rows ${t} (v${from}) → ${d.tiersTo[j]} (v${to})`}
                          onClick={() => void show({ kind: 'move', from: i, to: j })}
                        >
                          {formatCount(n)}
                        </button>
                      )}
                    </td>
                  );
                })}
                <td className="cell-num" data-testid={`tier-count-from-${i}`} data-rows={d.countsFrom[i]}>
                  {formatCount(d.countsFrom[i] ?? 0)}
                </td>
              </tr>
            ))}
            <tr>
              <th>v{to} total</th>
              {d.countsTo.map((n, j) => (
                <td key={j} className="cell-num" data-testid={`tier-count-to-${j}`} data-rows={n}>
                  {formatCount(n)}
                </td>
              ))}
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      <div className="muted small">* otherwise: rows in no named tier (not in the scheme)</div>
    </>
  );
}

export function VersionMembersDiff({ members, from, to }: { members: DiffState; from: number; to: number }) {
  if (members.status === 'loading') return <div className="muted small">Comparing members…</div>;
  if (members.status === 'error') return <div className="diag error">{members.error}</div>;
  const d = members.diff;
  if (!d) return null;
  const seg = d.kind === 'segment' ? d : null;
  return (
    <div
      className="small member-diff"
      data-testid="member-diff"
      data-kind={d.kind}
      {...(seg ? { 'data-added': seg.added, 'data-removed': seg.removed } : {})}
    >
      <div className="muted">
        {d.kind === 'segment' ? 'Members' : 'Rows'} of v{from} and v{to}
        {members.snapshot ? ` on the snapshot as of ${members.snapshot.asOf}` : ''}, matched by key:
      </div>
      {d.kind === 'segment' ? <SegmentDiff d={d} to={to} /> : <SchemeDiff d={d} from={from} to={to} />}
    </div>
  );
}
