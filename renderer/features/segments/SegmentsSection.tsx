/**
 * Sidebar section: the workspace's segments with colour, live count and share; click opens one in
 * the rule builder; "New" starts a draft on the current table; "Open…" reads a teammate's file
 * (validated here, with its diagnostics and a warning when it contains SQL). Each row renames inline
 * (✎ or F2), duplicates (❐), exports its members (⤓, the export dialog lives here), runs on
 * PostgreSQL (⛁, beside the workspace's count; that dialog lives here too), and deletes to
 * the workspace's trash (✕ or Delete) with an undo toast; "Recently deleted" restores older deletions.
 * A checkbox chooses a segment for a comparison (Shift+click or Shift/Ctrl/Cmd on the row too).
 * When its table has two snapshots or more, a row also says how stable the segment is: the share of
 * its members at the second-latest snapshot still in it at the latest ("92% kept").
 */
import { useRef, useState } from 'react';
import { formatCount, formatPercent } from '../../app/format';
import { usePlatform } from '../../app/platformContext';
import { useWorkbench, useWorkbenchStore } from '../../store/react';
import { segmentColorKey } from '../../charts/segmentColors';
import { useWorkspaceColor } from './useSegmentColors';
import { ExportDialog } from '../export/ExportDialog';
import { RunOnPostgresDialog } from '../postgres/RunOnPostgresDialog';
import { DeletedToast, RecentlyDeleted } from './DeletedNotice';
import { RenameInput } from './RenameInput';
import { RowActions, rowKeys } from './RowActions';
import { CompareCheck, compareClick } from '../compare/CompareSelect';
import { segmentKey } from '../../store/compare/selection';
import type { StabilityFigure } from '../../store/overTimeTypes';
import './segmentRows.css';
import '../overTime/overTime.css';

export function SegmentsSection() {
  const segments = useWorkbench((s) => s.segments);
  const counts = useWorkbench((s) => s.segmentCounts);
  const stability = useWorkbench((s) => s.stability);
  const error = useWorkbench((s) => s.segmentsError);
  const openFile = useWorkbench((s) => s.builder?.file ?? null);
  const openSegment = useWorkbench((s) => s.openSegment);
  const newSegment = useWorkbench((s) => s.newSegment);
  const canCreate = useWorkbench((s) => s.tables.length > 0);
  const openShared = useWorkbench((s) => s.openSharedFile);
  const renameSegment = useWorkbench((s) => s.renameSegment);
  const deleteSegment = useWorkbench((s) => s.deleteSegment);
  const duplicateSegment = useWorkbench((s) => s.duplicateSegment);
  const actionError = useWorkbench((s) => s.segmentActionError);
  const openExport = useWorkbench((s) => s.openExportForFile);
  const selectForCompare = useWorkbench((s) => s.selectForCompare);
  const runOnPostgres = useWorkbench((s) => s.openPostgresRun);
  const colorOf = useWorkspaceColor();
  const [renaming, setRenaming] = useState<string | null>(null);
  const store = useWorkbenchStore();
  const { files } = usePlatform();
  const input = useRef<HTMLInputElement>(null);
  const onOpen = async () => {
    if (files.pick) {
      const [first] = await files.pick();
      if (first) void openShared(first);
    } else input.current?.click();
  };
  return (
    <div className="sidebar-section">
      <div className="section-title with-action">
        Segments <span className="muted">{segments.length > 0 ? segments.length : ''}</span>
        <button
          type="button"
          className="btn small"
          title="Open a .segment.json shared by a teammate"
          data-testid="segment-open"
          onClick={() => void onOpen()}
        >
          Open…
        </button>
        <button
          type="button"
          className="btn small"
          data-testid="segment-new"
          disabled={!canCreate}
          onClick={newSegment}
        >
          + New
        </button>
        <input
          ref={input}
          type="file"
          accept=".json"
          hidden
          data-testid="segment-open-input"
          onChange={(e) => {
            const first = e.target.files ? files.fromFiles(e.target.files)[0] : undefined;
            e.target.value = '';
            if (first) void openShared(first);
          }}
        />
      </div>
      {error && (
        <div className="error-box pad small" role="alert">
          {error.message}
        </div>
      )}
      {actionError && (
        <div className="error-box pad small" role="alert" data-testid="segment-action-error">
          {actionError.message}
        </div>
      )}
      {segments.length === 0 && !error && <div className="muted pad small">No segments yet.</div>}
      <ul className="table-list">
        {segments.map((s) => {
          const c = counts[s.file];
          if (renaming === s.file) {
            return (
              <li key={s.file} className="seg-row">
                <RenameInput
                  name={s.name}
                  testId={`segment-rename-input-${s.name}`}
                  onCommit={(name) => renameSegment(s.file, name)}
                  onDone={() => setRenaming((r) => (r === s.file ? null : r))}
                />
              </li>
            );
          }
          return (
            <li key={s.file} className="seg-row">
              {s.valid && (
                <CompareCheck itemKey={segmentKey(s.file)} label={s.name} testId={`compare-check-${s.name}`} />
              )}
              <button
                type="button"
                className={`table-item${openFile === s.file ? ' selected' : ''}`}
                data-testid={`segment-item-${s.name}`}
                title={`${s.description ?? s.name}${s.hasSql ? '\nContains SQL rules' : ''}\n${s.file}\nF2 renames, Delete moves it to the trash\nCtrl/Cmd+click or Shift+click: choose for a comparison`}
                onClick={(e) => {
                  if (s.valid && compareClick(e, segmentKey(s.file), selectForCompare)) return;
                  void openSegment(s.file);
                }}
                onKeyDown={(e) =>
                  rowKeys(e, { rename: () => setRenaming(s.file), remove: () => void deleteSegment(s.file) })
                }
              >
                <span
                  className="seg-dot"
                  style={{ background: colorOf(segmentColorKey(s)) }}
                  data-testid={`segment-dot-${s.name}`}
                  aria-hidden
                />
                <span className="table-name">
                  {s.name}
                  {s.hasSql && (
                    <span className="badge warn" title="Contains SQL rules">
                      SQL
                    </span>
                  )}
                  <Stability figure={stability[s.file]} name={s.name} />
                </span>
                <span className="table-rows" data-testid={`segment-count-${s.name}`}>
                  {!s.valid
                    ? '⚠'
                    : c?.status === 'ready' && c.count !== null
                      ? formatCount(c.count)
                      : c?.status === 'error'
                        ? '⚠'
                        : '…'}
                </span>
                {c?.status === 'ready' && c.share !== null && (
                  <span className="table-rows share">{formatPercent(c.share)}</span>
                )}
              </button>
              <RowActions
                name={s.name}
                onRename={() => setRenaming(s.file)}
                onDuplicate={() =>
                  void openSegment(s.file).then(() =>
                    store.getState().builder?.file === s.file ? duplicateSegment() : undefined,
                  )
                }
                onExport={() => void openExport(s.file)}
                {...(s.valid ? { onRunOnPostgres: () => void runOnPostgres(s.file) } : {})}
                onDelete={() => void deleteSegment(s.file)}
              />
            </li>
          );
        })}
      </ul>
      <DeletedToast />
      <RecentlyDeleted />
      <RunOnPostgresDialog />
      <ExportDialog />
    </div>
  );
}

/**
 * "92% kept" (the pair in its title): retention between the table's two latest snapshots (nothing with fewer than two).
 */
function Stability({ figure, name }: { figure: StabilityFigure | undefined; name: string }) {
  if (!figure || figure.status === 'error') return null;
  if (figure.status === 'loading' || figure.retention === null) {
    return (
      <span
        className="seg-sub"
        data-testid={`segment-stability-${name}`}
        title={
          figure.status === 'loading' ? 'Working out how many members stayed…' : `No members as of ${figure.fromAsOf}`
        }
      >
        {figure.status === 'loading' ? '…' : `no members as of ${figure.fromAsOf}`}
      </span>
    );
  }
  return (
    <span
      className={`seg-sub${figure.retention < 0.5 ? ' low' : ''}`}
      data-testid={`segment-stability-${name}`}
      data-retention={figure.retention}
      title={`Stability: of the ${formatCount(figure.countFrom)} members as of ${figure.fromAsOf}, ${formatCount(figure.stayed)} (${formatPercent(figure.retention)}) are still members as of ${figure.toAsOf}`}
    >
      {formatPercent(figure.retention)} kept
    </span>
  );
}
