/**
 * The grid header's segment controls: show only the members of the builder's draft or of a saved
 * segment, and a picker of ✓ membership columns (the builder's draft and the sidebar's segments,
 * with their colours). While the builder compares two versions of a segment on this table, the
 * members the newer one added and removed are two more choices. Its menu closes on Escape or a click
 * outside and stays on screen.
 * While the filter follows the draft, edits reach the grid after a short pause (one view build per
 * pause, not per keystroke: store/syncing.ts).
 */
import { usePopover } from '../../app/usePopover';
import { DRAFT_COLOR_KEY, segmentColorKey } from '../../charts/segmentColors';
import { useWorkspaceColor } from '../segments/useSegmentColors';
import { DRAFT_COLUMN, filterApplies, isRowsView } from '../../store/gridSegments';
import { useWorkbench } from '../../store/react';
import { draftSuffix } from '../../store/unsaved';
import './segmentBar.css';

export function SegmentBar({ table }: { table: string }) {
  const segments = useWorkbench((s) => s.segments);
  const builderName = useWorkbench((s) => (s.builder?.definition.entity.table === table ? s.builder.name : null));
  const draft = useWorkbench((s) => s.builder?.definition ?? null);
  const draftInvalid = useWorkbench((s) => s.builder?.diagnostics.some((d) => d.severity === 'error') ?? false);
  const suffix = useWorkbench((s) => draftSuffix(s.builder));
  const filter = useWorkbench((s) => {
    const shown = s.selectedSnapshot ?? s.tables.find((t) => t.name === table)?.snapshots.at(-1)?.id ?? null;
    return filterApplies(s.gridSegment, table, shown) ? s.gridSegment : null;
  });
  const versionDiff = useWorkbench((s) => {
    const c = s.builder?.compare;
    const ready = c?.members?.status === 'ready' && c.members.diff?.kind === 'segment';
    return ready && s.builder?.definition.entity.table === table ? c : null;
  });
  const showVersionDiff = useWorkbench((s) => s.showVersionDiffInGrid);
  const membership = useWorkbench((s) => s.membershipColumns);
  const setGridSegment = useWorkbench((s) => s.setGridSegment);
  const toggleMembership = useWorkbench((s) => s.toggleMembershipColumn);
  const picker = usePopover<HTMLButtonElement, HTMLDivElement>();
  const colorOf = useWorkspaceColor();

  const mine = segments.filter((s) => s.kind === 'segment' && s.valid && s.entityTable === table);
  const value = !filter
    ? ''
    : filter.source === 'draft'
      ? 'draft'
      : isRowsView(filter.source)
        ? 'view'
        : `file:${filter.target.file ?? ''}`;
  const onChange = (v: string) => {
    if (v === '') return setGridSegment(null);
    if (v === 'view') return;
    if (v === 'diff:added' || v === 'diff:removed') {
      return void showVersionDiff({ kind: v === 'diff:added' ? 'added' : 'removed' });
    }
    if (v === 'draft') {
      if (draft)
        setGridSegment({ table, source: 'draft', label: builderName ?? 'draft', target: { definition: draft } });
      return;
    }
    const s = mine.find((x) => `file:${x.file}` === v);
    if (s) setGridSegment({ table, source: 'file', label: s.name, target: { file: s.file }, hash: s.hash, id: s.id });
  };

  return (
    <div className="segment-bar">
      <label className="small">
        Rows:{' '}
        <select data-testid="grid-segment-filter" value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">All rows</option>
          {filter && isRowsView(filter.source) && <option value="view">{filter.label}</option>}
          {versionDiff && (
            <>
              <option value="diff:added">
                Added in v{versionDiff.to} (vs v{versionDiff.from})
              </option>
              <option value="diff:removed">
                Removed in v{versionDiff.to} (vs v{versionDiff.from})
              </option>
            </>
          )}
          {(builderName !== null || filter?.source === 'draft') && (
            <option value="draft">
              Members of {filter?.source === 'draft' ? filter.label : builderName}
              {suffix}
            </option>
          )}
          {mine.map((s) => (
            <option key={s.file} value={`file:${s.file}`}>
              Members of {s.name}
            </option>
          ))}
        </select>
      </label>
      <div className="membership-picker">
        <button
          type="button"
          ref={picker.anchorRef}
          className="btn small"
          data-testid="grid-membership-picker"
          aria-haspopup="menu"
          aria-expanded={picker.open}
          onClick={picker.toggle}
        >
          ✓ columns
          {membership.some((c) => c.table === table) ? ` (${membership.filter((c) => c.table === table).length})` : ''}
        </button>
        {picker.open && (
          <div className="menu" ref={picker.menuRef} style={picker.style} data-testid="grid-membership-menu">
            {builderName !== null && draft && (
              <label className="menu-item small">
                <input
                  type="checkbox"
                  data-testid="grid-membership-draft"
                  disabled={draftInvalid && !membership.some((c) => c.file === DRAFT_COLUMN && c.table === table)}
                  checked={membership.some((c) => c.file === DRAFT_COLUMN && c.table === table)}
                  onChange={() => toggleMembership({ table, file: DRAFT_COLUMN, label: builderName, draft })}
                />{' '}
                <span className="seg-dot" style={{ background: colorOf(DRAFT_COLOR_KEY) }} aria-hidden /> {builderName}
                {suffix}
              </label>
            )}
            {mine.length === 0 && <div className="muted small pad">No saved segments on this table.</div>}
            {mine.map((s) => {
              const color = colorOf(segmentColorKey(s));
              return (
                <label key={s.file} className="menu-item small">
                  <input
                    type="checkbox"
                    data-testid={`grid-membership-${s.name}`}
                    checked={membership.some((c) => c.file === s.file)}
                    onChange={() => toggleMembership({ table, file: s.file, label: s.name, hash: s.hash, id: s.id })}
                  />{' '}
                  <span className="seg-dot" style={{ background: color }} aria-hidden /> {s.name}
                </label>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
