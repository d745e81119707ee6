/**
 * The sniffer's view of the file: format, encoding, columns with types (each can be loaded as another
 * type), warnings and the first rows. `chosen` holds the types picked per column; `onChoose` picks one
 * (null: as found).
 */
import type { SniffReport } from '../../../shared/api/dataApi';
import { formatCell } from '../../app/format';
import { typeFamily, typeIcon } from '../grid/columnTypes';
import { IMPORT_TYPES } from './TypeChoices';

export function SniffPreview({
  sniff,
  chosen,
  onChoose,
}: {
  sniff: SniffReport;
  chosen: Readonly<Record<string, string>>;
  onChoose: (column: string, type: string | null) => void;
}) {
  const rows = sniff.preview.slice(0, 12);
  // Issues are shown (with their choice) by TypeChoices; the rest of the warnings here.
  const issueText = new Set((sniff.typeIssues ?? []).map((i) => `${i.column}:`));
  const warnings = sniff.warnings.filter((w) => ![...issueText].some((p) => w.startsWith(p)));
  const typed = sniff.format !== 'parquet' && sniff.format !== 'json' && sniff.format !== 'ndjson';
  return (
    <div className="sniff" data-testid="import-preview">
      <div className="muted small">
        {sniff.format.toUpperCase()} · {sniff.encoding}
        {sniff.delimiter ? ` · delimiter ${JSON.stringify(sniff.delimiter)}` : ''} · {sniff.columns.length} columns
      </div>
      {warnings.length > 0 && (
        <ul className="warnings">
          {warnings.map((w, i) => (
            <li key={i}>⚠ {w}</li>
          ))}
        </ul>
      )}
      <div className="preview-scroll">
        <table className="mini-table">
          <thead>
            <tr>
              {sniff.columns.map((c) => (
                <th key={c.name} title={c.type}>
                  <span className={`type-icon t-${typeFamily(chosen[c.name] ?? c.type)}`}>
                    {typeIcon(typeFamily(chosen[c.name] ?? c.type))}
                  </span>{' '}
                  {c.name}
                  {typed ? (
                    <div>
                      <select
                        className="small type-select"
                        aria-label={`Type of ${c.name}`}
                        data-testid={`import-type-${c.name}`}
                        value={chosen[c.name] ?? ''}
                        onChange={(e) => onChoose(c.name, e.target.value || null)}
                      >
                        {IMPORT_TYPES.map(([value, label]) => (
                          <option key={value} value={value}>
                            {value === '' ? `${c.type} (${label})` : label}
                          </option>
                        ))}
                      </select>
                    </div>
                  ) : (
                    <div className="muted small">{c.type}</div>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {sniff.columns.map((c) => (
                  <td key={c.name}>
                    {r[c.name] === null ? <span className="null">null</span> : formatCell(r[c.name])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
