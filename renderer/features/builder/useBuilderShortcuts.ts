/**
 * Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z (or Ctrl+Y) and Ctrl/Cmd+S for the open definition, wherever the
 * focus is (see app/shortcuts.ts for the one exception). Listened for on the window in the capture
 * phase, so a focused widget that handles keys itself (AG Grid, a select) cannot swallow them.
 */
import { useEffect, useRef } from 'react';
import { builderShortcut, focusKindOf } from '../../app/shortcuts';

export interface BuilderShortcutHandlers {
  undo(): void;
  redo(): void;
  save(): void;
}

export function useBuilderShortcuts(handlers: BuilderShortcutHandlers): void {
  // The latest handlers without re-subscribing on every render.
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      // A modal dialog (import, export) owns the keyboard while it is open.
      if (document.activeElement?.closest('[role=dialog][aria-modal=true]')) return;
      const action = builderShortcut(e, focusKindOf(document.activeElement));
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      latest.current[action]();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
