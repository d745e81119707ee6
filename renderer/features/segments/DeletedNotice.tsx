/**
 * After a delete: a toast with Undo (restores the file from the workspace's trash), dismissed by
 * its ✕ or after a while; and "Recently deleted", every definition in the trash with Restore.
 * The toast takes the focus (its Undo button): the deleted row that had it is gone, and a keyboard
 * user can undo with Enter at once.
 */
import { useEffect, useRef } from 'react';
import { useWorkbench } from '../../store/react';

const TOAST_MS = 20_000;

export function DeletedToast() {
  const last = useWorkbench((s) => s.lastDeleted);
  const restore = useWorkbench((s) => s.restoreSegment);
  const dismiss = useWorkbench((s) => s.dismissDeleted);
  const undo = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!last) return;
    undo.current?.focus();
    const timer = setTimeout(dismiss, TOAST_MS);
    return () => clearTimeout(timer);
  }, [last, dismiss]);
  if (!last) return null;
  return (
    <div className="seg-toast" role="status" data-testid="segment-deleted-toast">
      <span className="grow">Deleted “{last.name}”</span>
      <button
        ref={undo}
        type="button"
        className="btn small"
        data-testid="segment-undo-delete"
        onClick={() => void restore(last.trashFile)}
      >
        Undo
      </button>
      <button type="button" className="btn icon small" aria-label="Dismiss" onClick={dismiss}>
        ✕
      </button>
    </div>
  );
}

export function RecentlyDeleted() {
  const trash = useWorkbench((s) => s.trash);
  const load = useWorkbench((s) => s.loadTrash);
  const restore = useWorkbench((s) => s.restoreSegment);
  return (
    <details
      className="seg-trash"
      data-testid="segment-trash"
      onToggle={(e) => (e.currentTarget.open ? void load() : undefined)}
    >
      <summary>Recently deleted{trash.length > 0 ? ` (${trash.length})` : ''}</summary>
      {trash.length === 0 && <div className="muted">Nothing deleted.</div>}
      <ul>
        {trash.map((t) => (
          <li key={t.trashFile} title={`${t.originalFile}, deleted ${t.deletedAt}`}>
            <span className="grow">
              {t.name}{' '}
              <span className="muted">
                {t.kind === 'scheme' ? 'scheme · ' : ''}
                {t.deletedAt.slice(0, 16).replace('T', ' ')}
              </span>
            </span>
            <button
              type="button"
              className="btn small"
              data-testid={`segment-restore-${t.name}`}
              onClick={() => void restore(t.trashFile)}
            >
              Restore
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
