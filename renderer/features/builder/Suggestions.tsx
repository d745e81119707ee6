/**
 * Suggestions for a text value: a <datalist> of the field's most frequent values. They are asked for
 * when the input gets focus (once per field), not when a condition appears: a new condition's
 * default field may be a unique id on millions of rows, and the user may never type a value for it.
 * Inside an aggregate's filter the field is the related table's.
 */
import { suggestionKey } from '../../store/builder/conditions';
import { useWorkbench } from '../../store/react';
import { useRuleTable } from './ruleEditorContext';

export function Suggestions({ id, field }: { id: string; field: string }) {
  const table = useRuleTable();
  const values = useWorkbench((s) => s.suggestions[suggestionKey(field, table)]);
  return (
    <datalist id={id}>
      {(values ?? []).map((v) => (
        <option key={v} value={v} />
      ))}
    </datalist>
  );
}

/** Focus handler of an input that shows `field`'s suggestions. */
export function useSuggestionLoader(field: string): () => void {
  const load = useWorkbench((s) => s.loadSuggestions);
  const table = useRuleTable();
  return () => void load(field, table ?? undefined);
}
