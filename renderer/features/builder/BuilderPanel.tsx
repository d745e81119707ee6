/**
 * The rule builder beside the grid: name, undo/redo, the live count with share and measure, the
 * rule tree, the funnel, and save with a note. Keyboard: every control is native and focusable;
 * Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z (or Ctrl+Y) redoes and Ctrl/Cmd+S saves wherever the focus
 * is (useBuilderShortcuts; the map is app/shortcuts.ts). Stays mounted while hidden (folded, or
 * behind the profile tab) so the shortcuts and the note survive. The explanation of a row shows
 * beside the row in the grid (ExplainPopover).
 */
import { useMemo, useState } from 'react';
import { isSchemeDefinition } from '../../../shared/segments/model';
import { useWorkbench, useWorkbenchShallow } from '../../store/react';
import { isDirty } from '../../store/unsaved';
import { fieldOptions } from '../../store/builder/conditions';
import { DefinitionRules } from './DefinitionRules';
import { shownBesideRules } from './diagnostics';
import { DiagnosticText } from './DiagnosticText';
import { saveBlocker } from '../../store/builder/saveGate';
import { FunnelView } from './FunnelView';
import { GridTableNotice } from './GridTableNotice';
import { HistoryView } from './HistoryView';
import { LiveSummary } from './LiveSummary';
import { MappingPanel } from './MappingPanel';
import { MeasurementsView } from './MeasurementsView';
import { MetricsEditor } from './MetricsEditor';
import { SqlPreview } from './SqlPreview';
import { BuilderGridToggles } from '../grid/BuilderGridToggles';
import { BuilderExportButton } from '../export/ExportButtons';
import { CompareWithButton } from '../compare/CompareSelect';
import { useBuilderShortcuts } from './useBuilderShortcuts';

export function BuilderPanel({ hidden = false }: { hidden?: boolean }) {
  const b = useWorkbench((s) => s.builder);
  const tables = useWorkbench((s) => s.tables);
  const segments = useWorkbench((s) => s.segments);
  const schemes = useWorkbench((s) => s.schemes);
  const {
    setBuilderName,
    setBuilderDescription,
    undo,
    redo,
    closeBuilder,
    saveSegment,
    viewVersion,
    duplicateSegment,
  } = useWorkbenchShallow((s) => ({
    setBuilderName: s.setBuilderName,
    setBuilderDescription: s.setBuilderDescription,
    undo: s.undo,
    redo: s.redo,
    closeBuilder: s.closeBuilder,
    saveSegment: s.saveSegment,
    viewVersion: s.viewVersion,
    duplicateSegment: s.duplicateSegment,
  }));
  const setCollapsed = useWorkbench((s) => s.setBuilderCollapsed);
  const [note, setNote] = useState('');
  const table = tables.find((t) => t.name === b?.definition.entity.table);
  const fields = useMemo(
    () => (b && table ? fieldOptions(table.name, table.columns, b.definition.metrics ?? []) : []),
    [b, table],
  );
  useBuilderShortcuts({
    undo,
    redo,
    save: () => {
      if (b && !b.saving && (isDirty(b) || b.file === null))
        void saveSegment(note).then((saved) => saved && setNote(''));
    },
  });
  if (!b) return null;
  // Name and description save without a new version, but they are unsaved changes too.
  const dirty = isDirty(b);
  const general = b.diagnostics.filter((d) => !shownBesideRules(d.path));
  const noun = isSchemeDefinition(b.definition) ? 'Scheme' : 'Segment';
  // Errors (not warnings) and a name in use block saving; the reason shows under the button.
  const blocked = saveBlocker(b, [...segments, ...schemes]);

  return (
    <aside
      className="side-panel builder"
      aria-label="Rule builder"
      data-testid="builder-panel"
      data-definition-fields
      hidden={hidden}
    >
      <div className="panel-header">
        <input
          className="name-input"
          aria-label={`${noun} name`}
          data-testid="builder-name"
          data-native-undo
          value={b.name}
          onChange={(e) => setBuilderName(e.target.value)}
        />
        <div className="row-actions">
          <button
            type="button"
            className="btn icon small"
            title="Undo (Ctrl+Z)"
            aria-label="Undo"
            data-testid="builder-undo"
            disabled={b.past.length === 0}
            onClick={undo}
          >
            ↶
          </button>
          <button
            type="button"
            className="btn icon small"
            title="Redo (Ctrl+Shift+Z)"
            aria-label="Redo"
            data-testid="builder-redo"
            disabled={b.future.length === 0}
            onClick={redo}
          >
            ↷
          </button>
          <button
            type="button"
            className="btn small"
            title="Start an unsaved copy"
            data-testid="builder-duplicate"
            disabled={!b.file}
            onClick={duplicateSegment}
          >
            Duplicate
          </button>
          <BuilderExportButton />
          <CompareWithButton />
          <button
            type="button"
            className="btn icon small"
            title="Fold the builder to a strip"
            aria-label="Fold the builder"
            data-testid="builder-collapse"
            onClick={() => setCollapsed(true)}
          >
            ⇥
          </button>
          <button
            type="button"
            className="btn icon small"
            aria-label="Close builder"
            title="Close builder"
            onClick={closeBuilder}
          >
            ✕
          </button>
        </div>
      </div>
      <div className="pad builder-body">
        <textarea
          className="description-input"
          aria-label={`Description: what this ${noun.toLowerCase()} is for`}
          placeholder={`What is this ${noun.toLowerCase()} for? (optional)`}
          data-testid="builder-description"
          data-native-undo
          rows={2}
          style={{ width: '100%', boxSizing: 'border-box', resize: 'vertical', font: 'inherit', marginBottom: 6 }}
          value={b.description}
          onChange={(e) => setBuilderDescription(e.target.value)}
        />
        <div className="muted small">
          {b.definition.entity.table} · key {b.definition.entity.key} · as of{' '}
          {b.definition.asOf?.kind === 'fixed' ? b.definition.asOf.at : (b.definition.asOf?.kind ?? 'snapshot')}
          {b.file
            ? ` · ${b.file}`
            : b.sourceFile
              ? ` · opened from ${b.sourceFile.split('/').pop()} (not in this workspace yet)`
              : ' · not saved yet'}
        </div>
        {(b.fileDiagnostics.length > 0 || b.fileHasSql) && (
          <div className="file-diags" data-testid="file-diagnostics" role="alert">
            {b.fileHasSql && (
              <div className="diag warning">
                This definition contains SQL rules or expressions: review them before relying on its results.
              </div>
            )}
            {b.fileDiagnostics.map((d, i) => (
              <div key={i} className={`diag ${d.severity}`}>
                <DiagnosticText d={d} />
              </div>
            ))}
          </div>
        )}
        {!b.viewing && <MappingPanel key={b.sourceFile ?? 'draft'} />}
        <GridTableNotice />
        <LiveSummary fields={fields} />
        {general.map((d, i) => (
          <div key={i} className={`diag ${d.severity}`}>
            <DiagnosticText d={d} />
          </div>
        ))}
        {b.viewing ? (
          <>
            <div className="diag info viewing-banner" data-testid="viewing-banner">
              Viewing version {b.viewing.version} (read-only).{' '}
              <button type="button" className="btn small" onClick={() => viewVersion(null)}>
                Back to the draft
              </button>
            </div>
            <fieldset disabled className="readonly">
              <DefinitionRules definition={b.viewing.definition} fields={fields} diagnostics={[]} readOnly />
            </fieldset>
          </>
        ) : (
          <>
            <MetricsEditor />
            <BuilderGridToggles />
            <DefinitionRules definition={b.definition} fields={fields} diagnostics={b.diagnostics} />
          </>
        )}
        {b.funnel && !b.viewing && <FunnelView funnel={b.funnel} />}
        <HistoryView />
        <MeasurementsView />
        <SqlPreview />
        <div className="muted small">
          Click a row in the grid to see which rules it passes and fails; ↑ and ↓ move the explanation along the rows.
        </div>
        <div className="save-row">
          <input
            placeholder="What changed (note)"
            aria-label="Version note"
            data-testid="builder-note"
            data-native-undo
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button
            type="button"
            className="btn primary"
            data-testid="builder-save"
            title={blocked ?? 'Save (Ctrl+S)'}
            aria-describedby={blocked ? 'builder-save-blocked' : undefined}
            disabled={b.saving || (!dirty && b.file !== null) || blocked !== null}
            onClick={() => void saveSegment(note).then((saved) => saved && setNote(''))}
          >
            {b.saving ? 'Saving…' : b.file ? 'Save version' : 'Save'}
          </button>
        </div>
        {blocked && !b.saveError && (dirty || b.file === null) && (
          <div className="diag error" id="builder-save-blocked" data-testid="builder-save-blocked">
            {blocked}
          </div>
        )}
        {b.lastSaved && !dirty && (
          <div className="muted small" data-testid="builder-saved">
            {b.lastSaved.appended
              ? `Saved as version ${b.lastSaved.version}.`
              : b.lastSaved.metadataUpdated
                ? `Name and description saved; the rule is unchanged: still version ${b.lastSaved.version}.`
                : `Unchanged: still version ${b.lastSaved.version}.`}
          </div>
        )}
        {b.saveError && (
          <div className="error-box" role="alert" data-testid="builder-save-error">
            {b.saveError.message}
            <div className="hint">{b.saveError.hint}</div>
          </div>
        )}
      </div>
    </aside>
  );
}
