/**
 * A scheme's rules (docs/definition-files.md, SPEC §5): the ordered tiers — first match wins — each with its name, its
 * rule
 * (the same group and condition editors as a segment's `where`, at `tiers[i].where`) and its live
 * count and share, then the `otherwise` tier for the rest. Tiers are added, removed and reordered
 * with buttons (Alt+↑/↓ in a tier's name moves it too); every edit is one undo step.
 */
import type { KeyboardEvent } from 'react';
import type { TierCount } from '../../../shared/api/segmentsApi';
import type { Diagnostic, SchemeDefinition } from '../../../shared/segments/model';
import { formatCount, formatPercent } from '../../app/format';
import type { FieldOption } from '../../store/builder/conditions';
import { useWorkbench } from '../../store/react';
import { diagnosticsFor } from './diagnostics';
import { focusAfterRender } from './GroupView';
import { RuleEditor } from './RuleEditor';
import './tiersEditor.css';

export interface TiersEditorProps {
  scheme: SchemeDefinition;
  fields: FieldOption[];
  diagnostics: Diagnostic[];
  /** A saved version shown read-only: no counts (they are the draft's), nothing edits. */
  readOnly?: boolean;
}

function Diags({ list }: { list: Diagnostic[] }) {
  return list.map((d, i) => (
    <div key={i} className={`diag ${d.severity}`} data-testid="diagnostic">
      {d.message}
    </div>
  ));
}

/** A tier's count and share; empty while the count does not match the tiers shown. */
function TierFigure({ count, testId, counting }: { count: TierCount | undefined; testId: string; counting: boolean }) {
  return (
    <span
      className={`tier-figure${counting ? ' stale' : ''}`}
      data-testid={testId}
      data-count={count && !counting ? count.count : ''}
      aria-live="polite"
    >
      {count ? formatCount(count.count) : '–'}
      {count && count.share !== null && <span className="muted"> · {formatPercent(count.share)}</span>}
      {count && (
        <span className="tier-bar" aria-hidden>
          <span style={{ width: `${(count.share ?? 0) * 100}%` }} />
        </span>
      )}
    </span>
  );
}

export function TiersEditor({ scheme, fields, diagnostics, readOnly = false }: TiersEditorProps) {
  const editTiers = useWorkbench((s) => s.editTiers);
  const live = useWorkbench((s) => s.builder?.live ?? null);
  const tiers = scheme.tiers;
  // The engine answers one count per tier then `otherwise`; one for another shape of scheme is stale.
  const counts = !readOnly && live?.tiers && live.tiers.length === tiers.length + 1 ? live.tiers : null;
  const counting = live?.status !== 'ready';
  const move = (from: number, to: number) => {
    editTiers({ type: 'moveTier', from, to });
    focusAfterRender(`tier-name-${to}`);
  };
  const onNameKey = (e: KeyboardEvent, i: number) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    const to = e.key === 'ArrowUp' ? i - 1 : i + 1;
    if (to >= 0 && to < tiers.length) move(i, to);
  };
  return (
    <div className="tiers-editor" data-testid="tiers-editor">
      <div className="section-title with-action">
        Tiers <span className="muted">first match wins</span>
        {!readOnly && (
          <button
            type="button"
            className="btn small"
            data-testid="tier-add"
            onClick={() => {
              editTiers({ type: 'addTier' });
              focusAfterRender(`tier-name-${tiers.length}`);
            }}
          >
            + Tier
          </button>
        )}
      </div>
      <Diags list={diagnosticsFor(diagnostics, 'tiers', false)} />
      <ol className="tier-list">
        {tiers.map((t, i) => (
          <li key={i} className="tier-card" data-testid={`tier-${i}`} aria-label={`Tier ${i + 1}: ${t.name}`}>
            <div className="tier-head">
              <span className="tier-rank" aria-hidden>
                {i + 1}
              </span>
              <input
                className="value-input tier-name-input"
                aria-label={`Name of tier ${i + 1}`}
                title="Alt+↑/↓ moves the tier"
                data-testid={`tier-name-${i}`}
                value={t.name}
                onChange={(e) => editTiers({ type: 'renameTier', index: i, name: e.target.value })}
                onKeyDown={(e) => onNameKey(e, i)}
              />
              {!readOnly && <TierFigure count={counts?.[i]} counting={counting} testId={`tier-count-${i}`} />}
              <span className="spacer" />
              <button
                type="button"
                className="btn small"
                aria-label={`Move tier ${t.name} up`}
                title={`Move tier ${t.name} up`}
                data-testid={`tier-up-${i}`}
                disabled={i === 0}
                onClick={() => move(i, i - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="btn small"
                aria-label={`Move tier ${t.name} down`}
                title={`Move tier ${t.name} down`}
                data-testid={`tier-down-${i}`}
                disabled={i === tiers.length - 1}
                onClick={() => move(i, i + 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="btn small"
                aria-label={`Remove tier ${t.name}`}
                title={`Remove tier ${t.name}`}
                data-testid={`tier-remove-${i}`}
                disabled={tiers.length <= 1}
                onClick={() => editTiers({ type: 'removeTier', index: i })}
              >
                ✕
              </button>
            </div>
            <Diags
              list={[
                ...diagnosticsFor(diagnostics, `tiers[${i}]`, false),
                ...diagnosticsFor(diagnostics, `tiers[${i}].name`, false),
              ]}
            />
            <RuleEditor
              at={{ kind: 'tier', index: i }}
              rule={t.where}
              fields={fields}
              diagnostics={diagnostics}
              readOnly={readOnly}
            />
          </li>
        ))}
      </ol>
      <div className="tier-card otherwise" data-testid="tier-otherwise">
        <div className="tier-head">
          <span className="muted small">Otherwise</span>
          <input
            className="value-input tier-name-input"
            aria-label="Name of the tier for every other row"
            data-testid="scheme-otherwise"
            value={scheme.otherwise}
            onChange={(e) => editTiers({ type: 'setOtherwise', name: e.target.value })}
          />
          {!readOnly && <TierFigure count={counts?.[tiers.length]} counting={counting} testId="tier-count-otherwise" />}
        </div>
        <Diags list={diagnosticsFor(diagnostics, 'otherwise', false)} />
      </div>
    </div>
  );
}
