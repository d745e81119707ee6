/**
 * What is compared: one chip per target in column order (a whole scheme is one chip for its tiers),
 * with its colour, version and a ✕ to take it out, and "+ Add" for another segment, scheme, tier or
 * the builder's draft, within the 12 columns a comparison holds.
 */
import { useMemo } from 'react';
import { MAX_COMPARE_COLUMNS } from '../../../shared/api/compareApi';
import type { DefinitionTarget } from '../../../shared/api/segmentsApi';
import { columnColorKey, DRAFT_COLOR_KEY, targetColorKey } from '../../charts/segmentColors';
import { columnOwners, keyOf } from '../../store/compare/request';
import { selectableItems } from '../../store/compare/selection';
import { targetColumns } from '../../store/compareSlice';
import { useWorkbench, useWorkbenchStore } from '../../store/react';
import { useViewColors } from '../segments/useSegmentColors';

export function CompareColumns() {
  const v = useWorkbench((s) => s.compare!);
  const remove = useWorkbench((s) => s.removeCompareTarget);
  const add = useWorkbench((s) => s.addCompareTarget);
  const segments = useWorkbench((s) => s.segments);
  const schemes = useWorkbench((s) => s.schemes);
  const counts = useWorkbench((s) => s.segmentCounts);
  const builder = useWorkbench((s) => s.builder);
  const store = useWorkbenchStore();
  const result = v.base?.result ?? null;
  const owners = useMemo(() => (result ? columnOwners(v.targets, result.segments) : []), [result, v.targets]);
  // The answer's columns once it is in; before, one per target (a whole scheme's tiers are not known yet).
  const defs = [...segments, ...schemes];
  const colors = useViewColors(
    result
      ? result.segments.map(columnColorKey)
      : v.targets.map((t) =>
          t.file === undefined
            ? DRAFT_COLOR_KEY
            : targetColorKey({ file: t.file, tier: t.tier }, defs.find((d) => d.file === t.file)?.id ?? null),
        ),
  );
  // Re-rendered when counts arrive (a scheme's tiers known later change the sum).
  const used = v.targets.reduce((n, t) => n + targetColumns(store.getState(), t), 0);
  const present = new Set(v.targets.map(keyOf));
  const options = selectableItems(segments, schemes, counts).filter((it) => it.entityTable === v.table);
  const onAdd = (value: string) => {
    if (value === 'draft' && builder) {
      const def = builder.definition;
      return add({ definition: def }, `${builder.name} (draft)`);
    }
    const it = options.find((o) => o.key === value);
    if (it)
      add(it.kind === 'tier' && it.tier !== undefined ? { file: it.file, tier: it.tier } : { file: it.file }, it.label);
  };
  const targetOf = (it: (typeof options)[number]): DefinitionTarget =>
    it.kind === 'tier' && it.tier !== undefined ? { file: it.file, tier: it.tier } : { file: it.file };
  return (
    <div className="compare-columns" data-testid="compare-columns">
      {v.targets.map((t, i) => {
        const cols = owners.map((o, c) => (o === i ? c : -1)).filter((c) => c >= 0);
        const first = result && cols.length ? result.segments[cols[0]!] : undefined;
        const label = cols.length > 1 ? (first?.scheme ?? v.labels[i]) : (first?.name ?? v.labels[i] ?? 'Definition');
        const version =
          first?.kind === 'draft'
            ? 'draft'
            : first?.version !== undefined && first.version !== null
              ? `v${first.version}`
              : null;
        return (
          <span
            key={keyOf(t)}
            className="chip removable column-chip"
            data-testid={`compare-column-${i}`}
            title={first?.hash ? `${first.file ?? ''}\n${first.hash}` : (t.file ?? 'unsaved draft')}
          >
            {(cols.length ? cols : [i]).map((c) => (
              <span
                key={c}
                className="seg-dot"
                style={{ background: colors[c] }}
                data-testid={`compare-column-dot-${c}`}
                aria-hidden
              />
            ))}
            {label}
            {cols.length > 1 && <span className="muted"> ({cols.length} tiers)</span>}
            {version && <span className="badge">{version}</span>}
            <button
              type="button"
              className="chip-x"
              aria-label={`Remove ${label} from the comparison`}
              data-testid={`compare-column-remove-${i}`}
              onClick={() => remove(i)}
            >
              ✕
            </button>
          </span>
        );
      })}
      <select
        value=""
        aria-label="Add a column"
        data-testid="compare-add"
        onChange={(e) => e.target.value && onAdd(e.target.value)}
      >
        <option value="">+ Add…</option>
        {builder && builder.definition.entity.table === v.table && (
          <option value="draft">{builder.name} (draft)</option>
        )}
        {options.map((it) => {
          const t = targetOf(it);
          const full = used + it.columns > MAX_COMPARE_COLUMNS;
          return (
            <option key={it.key} value={it.key} disabled={present.has(keyOf(t)) || full}>
              {it.kind === 'tier'
                ? `   ${it.label}`
                : it.kind === 'scheme'
                  ? `${it.label} (all ${it.columns} tiers)`
                  : it.label}
            </option>
          );
        })}
      </select>
      <span className="muted small">
        {used} of {MAX_COMPARE_COLUMNS} columns
        {result &&
          ` · as of ${result.asOf.endsWith('T00:00:00Z') ? result.asOf.slice(0, 10) : result.asOf} · ${result.elapsedMs < 1000 ? `${Math.round(result.elapsedMs)} ms` : `${(result.elapsedMs / 1000).toFixed(1)} s`}`}
      </span>
    </div>
  );
}
