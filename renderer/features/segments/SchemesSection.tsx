/**
 * Sidebar section: schemes (partitions: first matching tier wins, then `otherwise`) with the rows
 * in each tier on the latest snapshot, as small bars in the tier's colour (charts/segmentColors.ts;
 * the scheme itself is never drawn, so it has none). Click (or Enter on) a scheme to edit it in the
 * builder; "+ New" starts a scheme on the current table. Rename (✎, F2 on the row) and delete to the
 * trash (✕, Delete) as for segments; the undo toast and "Recently deleted" sit in the segments section.
 * Checkboxes choose the scheme whole (all its tiers) or single tiers for a comparison.
 */
import { useState } from 'react';
import { formatCount, formatPercent } from '../../app/format';
import { useWorkbench } from '../../store/react';
import { tierColorKey } from '../../charts/segmentColors';
import { useWorkspaceColor } from './useSegmentColors';
import { RenameInput } from './RenameInput';
import { RowActions, rowKeys } from './RowActions';
import { CompareCheck, compareClick } from '../compare/CompareSelect';
import { schemeKey, tierKey } from '../../store/compare/selection';

export function SchemesSection() {
  const schemes = useWorkbench((s) => s.schemes);
  const counts = useWorkbench((s) => s.segmentCounts);
  const renameSegment = useWorkbench((s) => s.renameSegment);
  const deleteSegment = useWorkbench((s) => s.deleteSegment);
  const runOnPostgres = useWorkbench((s) => s.openPostgresRun);
  const openSegment = useWorkbench((s) => s.openSegment);
  const newScheme = useWorkbench((s) => s.newScheme);
  const openFile = useWorkbench((s) => s.builder?.file ?? null);
  const canCreate = useWorkbench((s) => s.tables.length > 0);
  const selectForCompare = useWorkbench((s) => s.selectForCompare);
  const colorOf = useWorkspaceColor();
  const [renaming, setRenaming] = useState<string | null>(null);
  if (schemes.length === 0 && !canCreate) return null;
  return (
    <div className="sidebar-section">
      <div className="section-title with-action">
        Schemes <span className="muted">{schemes.length > 0 ? schemes.length : ''}</span>
        <button
          type="button"
          className="btn small"
          title="New scheme: ordered tiers, first match wins"
          data-testid="scheme-new"
          disabled={!canCreate}
          onClick={newScheme}
        >
          + New
        </button>
      </div>
      {schemes.length === 0 && <div className="muted pad small">No schemes yet.</div>}
      <ul className="table-list">
        {schemes.map((s) => {
          const c = counts[s.file];
          return (
            <li
              key={s.file}
              className="scheme"
              data-testid={`scheme-item-${s.name}`}
              title={`${s.description ?? s.name}\n${s.file}`}
            >
              {renaming === s.file ? (
                <RenameInput
                  name={s.name}
                  testId={`scheme-rename-input-${s.name}`}
                  onCommit={(name) => renameSegment(s.file, name)}
                  onDone={() => setRenaming((r) => (r === s.file ? null : r))}
                />
              ) : (
                <div
                  className={`scheme-name seg-row${openFile === s.file ? ' selected' : ''}`}
                  role="button"
                  tabIndex={0}
                  aria-label={`Scheme ${s.name}`}
                  aria-current={openFile === s.file ? 'true' : undefined}
                  data-testid={`scheme-open-${s.name}`}
                  title={`Edit ${s.name}\nF2 renames, Delete moves it to the trash`}
                  // The row's own buttons and checkbox handle their clicks; anywhere else opens the scheme.
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('button, input')) return;
                    if (s.valid && compareClick(e, schemeKey(s.file), selectForCompare)) return;
                    void openSegment(s.file);
                  }}
                  onKeyDown={(e) => {
                    if (e.target !== e.currentTarget) return;
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      void openSegment(s.file);
                    } else rowKeys(e, { rename: () => setRenaming(s.file), remove: () => void deleteSegment(s.file) });
                  }}
                >
                  {s.valid && (
                    <CompareCheck
                      itemKey={schemeKey(s.file)}
                      label={`${s.name}, all tiers`}
                      testId={`compare-check-scheme-${s.name}`}
                    />
                  )}
                  {s.name}
                  {s.hasSql && <span className="badge warn">SQL</span>}
                  {(!s.valid || c?.status === 'error') && (
                    <span className="badge warn" title={c?.error ?? 'invalid file'}>
                      ⚠
                    </span>
                  )}
                  <span style={{ flex: 1 }} />
                  <RowActions
                    name={s.name}
                    onRename={() => setRenaming(s.file)}
                    {...(s.valid ? { onRunOnPostgres: () => void runOnPostgres(s.file) } : {})}
                    onDelete={() => void deleteSegment(s.file)}
                  />
                </div>
              )}
              {c?.tiers && (
                <ul className="tiers">
                  {c.tiers.map((t) => (
                    <li key={t.name} className="tier" data-testid={`tier-${s.name}-${t.name}`}>
                      <span className="tier-name">
                        {s.valid && (
                          <CompareCheck
                            itemKey={tierKey(s.file, t.name)}
                            parentKey={schemeKey(s.file)}
                            label={`${s.name} / ${t.name}`}
                            testId={`compare-check-${s.name}-${t.name}`}
                          />
                        )}
                        <span
                          className="seg-dot"
                          style={{ background: colorOf(tierColorKey(s, t.name)) }}
                          data-testid={`tier-dot-${s.name}-${t.name}`}
                          aria-hidden
                        />
                        {t.name}
                      </span>
                      <span className="tier-bar" aria-hidden>
                        <span
                          style={{ width: `${(t.share ?? 0) * 100}%`, background: colorOf(tierColorKey(s, t.name)) }}
                        />
                      </span>
                      <span className="table-rows">{formatCount(t.count)}</span>
                      <span className="table-rows share">{t.share === null ? '' : formatPercent(t.share)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
