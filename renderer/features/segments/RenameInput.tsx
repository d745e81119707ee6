/**
 * Inline rename of a definition in the sidebar: Enter (or leaving the field) renames, Escape
 * cancels. The engine's refusal (e.g. another file has that name) shows under the field, which
 * stays open so the user can pick another name. The parent's `onDone` must only close this row:
 * a rename resolves after the list reloads, when another row may already be renaming.
 */
import { useEffect, useRef, useState } from 'react';
import type { UiError } from '../../store/errors';

export function RenameInput(props: {
  name: string;
  testId: string;
  onCommit: (name: string) => Promise<UiError | null>;
  onDone: () => void;
}) {
  const [value, setValue] = useState(props.name);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const commit = async () => {
    if (busy.current) return;
    const next = value.trim();
    if (!next || next === props.name) return props.onDone();
    busy.current = true;
    const err = await props.onCommit(next);
    busy.current = false;
    if (err) {
      setError(err.message);
      input.current?.focus();
    } else props.onDone();
  };
  return (
    <div className="seg-rename">
      <input
        ref={input}
        aria-label={`New name for ${props.name}`}
        data-testid={props.testId}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void commit();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            props.onDone();
          }
        }}
        onBlur={() => {
          if (!error) void commit();
        }}
      />
      {error && (
        <div className="error-box" role="alert" data-testid="segment-rename-error">
          {error}
        </div>
      )}
    </div>
  );
}
