/**
 * The scheme whose tier movement and paths show (the view's first scheme unless another is picked).
 */
import { schemeTarget } from '../../store/overTime/targets';
import { useWorkbench } from '../../store/react';

export function SchemePicker({ testId }: { testId: string }) {
  const v = useWorkbench((s) => s.overTime);
  const schemes = useWorkbench((s) => s.schemes);
  const set = useWorkbench((s) => s.setOverTimeScheme);
  if (!v) return null;
  const options = schemes.filter((s) => s.valid && (v.table === null || s.entityTable === v.table));
  if (options.length === 0) return null;
  const current = schemeTarget(v, schemes);
  return (
    <label className="small field-select">
      Scheme{' '}
      <select data-testid={testId} value={current?.file ?? ''} onChange={(e) => set(e.target.value || null)}>
        {options.map((s) => (
          <option key={s.file} value={s.file}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
