/**
 * The "?" button in the toolbar and the panel it opens: the keyboard shortcuts (from shortcuts.ts).
 * The ? key toggles it when the user is not typing; Esc or a click outside closes it.
 */
import { useEffect, useRef, useState } from 'react';
import { focusKindOf, isHelpKey, SHORTCUTS } from './shortcuts';

export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isHelpKey(e, focusKindOf(document.activeElement))) {
        e.preventDefault();
        setOpen((o) => !o);
      } else if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [open]);
  return (
    <div className="shortcuts-help" ref={box}>
      <button
        type="button"
        className="btn icon"
        title="Keyboard shortcuts (?)"
        aria-label="Keyboard shortcuts"
        aria-expanded={open}
        data-testid="shortcuts-button"
        onClick={() => setOpen((o) => !o)}
      >
        ?
      </button>
      {open && (
        <div className="shortcuts-panel" role="dialog" aria-label="Keyboard shortcuts" data-testid="shortcuts-panel">
          <div className="section-title">Keyboard shortcuts</div>
          <table>
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.keys.join()} data-testid="shortcut">
                  <td className="keys">
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && ' or '}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </td>
                  <td>
                    {s.does}
                    <div className="muted small">{s.where}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="muted small">On a Mac, Cmd works as Ctrl.</div>
        </div>
      )}
    </div>
  );
}
