/**
 * Picking a workspace folder in a browser: the host lists a folder's sub-folders (inside the home
 * folder only; browseFolders), one level at a time. A workspace folder is marked; "Open this folder"
 * opens (or creates) the workspace in the folder shown.
 */
import { useEffect, useState } from 'react';
import type { FolderListing } from '../../shared/api/dataApi';
import { toUiError } from '../store/errors';
import { useWorkbench } from '../store/react';

function parentOf(path: string | null): string | undefined {
  if (!path) return undefined;
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : undefined;
}

export function FolderBrowser({
  start,
  onChoose,
  onCancel,
}: {
  start: string | null;
  onChoose(path: string): void;
  onCancel(): void;
}) {
  const browse = useWorkbench((s) => s.browseFolders);
  // Start beside the open workspace (its parent folder), else in the home folder.
  const [at, setAt] = useState<string | undefined>(parentOf(start));
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    browse(at).then(
      (l) => live && (setListing(l), setError(null)),
      (err: unknown) => {
        if (!live) return;
        // Outside what may be browsed (or gone): fall back to the home folder once.
        if (at !== undefined) setAt(undefined);
        else setError(toUiError(err).message);
      },
    );
    return () => {
      live = false;
    };
  }, [at, browse]);

  return (
    <div className="folder-browser" data-testid="folder-browser">
      <div className="folder-path small" title={listing?.path} data-testid="folder-browser-path">
        {listing?.path ?? '…'}
      </div>
      {error && (
        <div className="error-box small" role="alert">
          {error}
        </div>
      )}
      <div className="folder-list">
        {listing?.parent && (
          <button type="button" className="menu-item" data-testid="folder-up" onClick={() => setAt(listing.parent!)}>
            ↑ ..
          </button>
        )}
        {listing?.folders.map((f) => (
          <button
            key={f.path}
            type="button"
            className="menu-item"
            data-testid="folder-item"
            data-name={f.name}
            title={f.path}
            onClick={() => setAt(f.path)}
          >
            ▸ {f.name}
            {f.workspace && <span className="chip small">workspace</span>}
          </button>
        ))}
        {listing && listing.folders.length === 0 && <div className="muted small pad">No folders here.</div>}
        {listing?.truncated && (
          <div className="muted small pad">Only the first folders are listed; type the path to go further.</div>
        )}
      </div>
      <div className="folder-actions">
        <button type="button" className="btn small" onClick={onCancel}>
          Back
        </button>
        <button
          type="button"
          className="btn small primary"
          data-testid="folder-open"
          disabled={!listing}
          onClick={() => listing && onChoose(listing.path)}
        >
          {listing?.workspace ? 'Open this workspace' : 'Open this folder'}
        </button>
      </div>
    </div>
  );
}
