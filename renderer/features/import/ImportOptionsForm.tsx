/**
 * Overrides for what the sniffer guessed: table name, as-of date, and for text files the delimiter,
 * header and encoding; for Excel the sheet. Changing a parsing option re-reads the preview.
 */
import { encodings } from '../../../shared/api/dataApi';
import { useWorkbench } from '../../store/react';

const delimiters: [string, string][] = [
  [',', 'comma ,'],
  [';', 'semicolon ;'],
  ['\t', 'tab'],
  ['|', 'pipe |'],
];

export function ImportOptionsForm() {
  const d = useWorkbench((s) => s.importDialog);
  const set = useWorkbench((s) => s.setImportOptions);
  const existing = useWorkbench((s) => s.tables.find((t) => t.name === s.importDialog.options.table) ?? null);
  const sniff = d.sniff;
  const textual = !sniff || sniff.format === 'csv' || sniff.format === 'tsv';
  const disabled = d.phase === 'importing';
  const delimiter = d.options.delimiter ?? sniff?.delimiter ?? ',';
  return (
    <fieldset className="form-grid" disabled={disabled}>
      <label>
        Table name
        <input
          data-testid="import-table-name"
          value={d.options.table ?? ''}
          onChange={(e) => void set({ table: e.target.value })}
          spellCheck={false}
        />
      </label>
      {existing && (
        <div className="snapshot-note small" data-testid="import-new-snapshot">
          <strong>{existing.name}</strong> exists: this import adds a new snapshot beside its{' '}
          {existing.snapshots.length} (latest as of {existing.snapshots[existing.snapshots.length - 1]?.asOf ?? '—'}).
          Set the as-of date of this export.
        </div>
      )}
      <label>
        As-of date
        <input
          type="date"
          data-testid="import-as-of"
          value={d.options.asOf ?? ''}
          onChange={(e) => void set({ asOf: e.target.value || undefined })}
        />
      </label>
      {textual && (
        <>
          <label>
            Delimiter
            <select
              data-testid="import-delimiter"
              value={delimiter}
              onChange={(e) => void set({ delimiter: e.target.value })}
            >
              {delimiters.map(([v, label]) => (
                <option key={label} value={v}>
                  {label}
                </option>
              ))}
              {!delimiters.some(([v]) => v === delimiter) && (
                <option value={delimiter}>{JSON.stringify(delimiter)}</option>
              )}
            </select>
          </label>
          <label>
            Encoding
            <select
              data-testid="import-encoding"
              value={d.options.encoding ?? sniff?.encoding ?? 'utf-8'}
              onChange={(e) => void set({ encoding: e.target.value as (typeof encodings)[number] })}
            >
              {encodings.map((enc) => (
                <option key={enc} value={enc}>
                  {enc}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              data-testid="import-header"
              checked={d.options.header ?? sniff?.header ?? true}
              onChange={(e) => void set({ header: e.target.checked })}
            />
            First row is a header
          </label>
        </>
      )}
      {sniff?.sheets && sniff.sheets.length > 0 && (
        <label>
          Sheet
          <select
            data-testid="import-sheet"
            value={d.options.sheet ?? sniff.sheets[0]}
            onChange={(e) => void set({ sheet: e.target.value })}
          >
            {sniff.sheets.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}
