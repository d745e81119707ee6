/**
 * A <datalist> of the field's most frequent values (from its column profile, loaded once per field).
 */
import { useEffect } from 'react';
import { useWorkbench } from '../../store/react';

export function Suggestions({ id, field }: { id: string; field: string }) {
  const values = useWorkbench((s) => s.suggestions[field]);
  const load = useWorkbench((s) => s.loadSuggestions);
  useEffect(() => {
    if (!values) void load(field);
  }, [field, values, load]);
  return (
    <datalist id={id}>
      {(values ?? []).map((v) => (
        <option key={v} value={v} />
      ))}
    </datalist>
  );
}
