/**
 * Saved comparisons: the sidebar section (open one with a click; rename with ✎ or F2, delete with ✕
 * or Delete), the same list where the compare view is empty, and a menu in the compare header.
 */
import { useState } from 'react';
import { RenameInput } from '../segments/RenameInput';
import { rowKeys } from '../segments/RowActions';
import { useWorkbench } from '../../store/react';

export function SavedComparisonsList({ testId = 'comparison-list' }: { testId?: string }) {
  const list = useWorkbench((s) => s.comparisons);
  const current = useWorkbench((s) => s.compare?.saved?.file ?? null);
  const open = useWorkbench((s) => s.openComparison);
  const rename = useWorkbench((s) => s.renameComparison);
  const remove = useWorkbench((s) => s.deleteComparison);
  const [renaming, setRenaming] = useState<string | null>(null);
  if (list.length === 0) return null;
  return (
    <ul className="table-list comparison-list" data-testid={testId}>
      {list.map((c) =>
        renaming === c.file ? (
          <li key={c.file} className="seg-row">
            <RenameInput
              name={c.name}
              testId={`comparison-rename-input-${c.name}`}
              onCommit={(name) => rename(c.file, name)}
              onDone={() => setRenaming((r) => (r === c.file ? null : r))}
            />
          </li>
        ) : (
          <li key={c.file} className="seg-row">
            <button
              type="button"
              className={`table-item${current === c.file ? ' selected' : ''}`}
              data-testid={`comparison-item-${c.name}`}
              title={`${c.file}\nsaved ${c.updatedAt}\nF2 renames, Delete deletes`}
              onClick={() => void open(c.file)}
              onKeyDown={(e) => rowKeys(e, { rename: () => setRenaming(c.file), remove: () => void remove(c.file) })}
            >
              <span className="table-icon" aria-hidden>
                ⊞
              </span>
              <span className="table-name">{c.name}</span>
            </button>
            <span className="seg-actions">
              <button
                type="button"
                className="btn icon small"
                title="Rename (F2)"
                aria-label={`Rename ${c.name}`}
                data-testid={`comparison-rename-${c.name}`}
                onClick={() => setRenaming(c.file)}
              >
                ✎
              </button>
              <button
                type="button"
                className="btn icon small"
                title="Delete (Del)"
                aria-label={`Delete ${c.name}`}
                data-testid={`comparison-delete-${c.name}`}
                onClick={() => void remove(c.file)}
              >
                ✕
              </button>
            </span>
          </li>
        ),
      )}
    </ul>
  );
}

export function ComparisonsSection() {
  const count = useWorkbench((s) => s.comparisons.length);
  const error = useWorkbench((s) => s.comparisonsError);
  if (count === 0 && !error) return null;
  return (
    <div className="sidebar-section">
      <div className="section-title">
        Comparisons <span className="muted">{count > 0 ? count : ''}</span>
      </div>
      {error && (
        <div className="error-box pad small" role="alert">
          {error.message}
        </div>
      )}
      <SavedComparisonsList />
    </div>
  );
}

export function SavedComparisonsMenu() {
  const list = useWorkbench((s) => s.comparisons);
  const open = useWorkbench((s) => s.openComparison);
  if (list.length === 0) return null;
  return (
    <details className="comparison-menu">
      <summary className="btn small" data-testid="comparison-menu">
        Saved ▾
      </summary>
      <div className="menu">
        {list.map((c) => (
          <button
            key={c.file}
            type="button"
            className="menu-item"
            data-testid={`comparison-menu-${c.name}`}
            onClick={(e) => {
              (e.currentTarget.closest('details') as HTMLDetailsElement | null)?.removeAttribute('open');
              void open(c.file);
            }}
          >
            {c.name}
          </button>
        ))}
      </div>
    </details>
  );
}
