/**
 * The actions on a segment or scheme row of the sidebar: rename, duplicate (segments), export
 * members (segments), run on PostgreSQL, delete.
 * Shown on hover and whenever focus is inside the row, so they are reachable with Tab.
 */
export function RowActions(props: {
  name: string;
  onRename: () => void;
  onDuplicate?: () => void;
  onExport?: () => void;
  onRunOnPostgres?: () => void;
  onDelete: () => void;
}) {
  return (
    <span className="seg-actions">
      <button
        type="button"
        className="btn icon small"
        title="Rename (F2)"
        aria-label={`Rename ${props.name}`}
        data-testid={`segment-rename-${props.name}`}
        onClick={props.onRename}
      >
        ✎
      </button>
      {props.onDuplicate && (
        <button
          type="button"
          className="btn icon small"
          title="Duplicate into an unsaved copy"
          aria-label={`Duplicate ${props.name}`}
          data-testid={`segment-duplicate-${props.name}`}
          onClick={props.onDuplicate}
        >
          ❐
        </button>
      )}
      {props.onExport && (
        <button
          type="button"
          className="btn icon small"
          title="Export members…"
          aria-label={`Export members of ${props.name}`}
          data-testid={`segment-export-${props.name}`}
          onClick={props.onExport}
        >
          ⤓
        </button>
      )}
      {props.onRunOnPostgres && (
        <button
          type="button"
          className="btn icon small"
          title="Run on PostgreSQL…"
          aria-label={`Run ${props.name} on PostgreSQL`}
          data-testid={`segment-postgres-${props.name}`}
          onClick={props.onRunOnPostgres}
        >
          ⛁
        </button>
      )}
      <button
        type="button"
        className="btn icon small"
        title="Delete (Del): moves it to the workspace's trash, restorable"
        aria-label={`Delete ${props.name}`}
        data-testid={`segment-delete-${props.name}`}
        onClick={props.onDelete}
      >
        ✕
      </button>
    </span>
  );
}

/** Keyboard shortcuts on a focused row: F2 renames, Delete deletes. */
export function rowKeys(
  e: { key: string; preventDefault(): void },
  actions: { rename: () => void; remove: () => void },
): void {
  if (e.key === 'F2') {
    e.preventDefault();
    actions.rename();
  } else if (e.key === 'Delete') {
    e.preventDefault();
    actions.remove();
  }
}
