/**
 * The sniffer's view of the file: format, encoding, columns with types, warnings and the first rows.
 */
import type { SniffReport } from '../../../shared/api/dataApi';
import { formatCell } from '../../app/format';
import { typeFamily, typeIcon } from '../grid/columnTypes';

export function SniffPreview({ sniff }: { sniff: SniffReport }) {
  const rows = sniff.preview.slice(0, 12);
  return (
    <div className="sniff" data-testid="import-preview">
      <div className="muted small">
        {sniff.format.toUpperCase()} · {sniff.encoding}
        {sniff.delimiter ? ` · delimiter ${JSON.stringify(sniff.delimiter)}` : ''} · {sniff.columns.length} columns
      </div>
      {sniff.warnings.length > 0 && (
        <ul className="warnings">
          {sniff.warnings.map((w, i) => (
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
                  <span className={`type-icon t-${typeFamily(c.type)}`}>{typeIcon(typeFamily(c.type))}</span> {c.name}
                  <div className="muted small">{c.type}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {sniff.columns.map((c) => (
                  <td key={c.name}>{r[c.name] === null ? <span className="null">null</span> : formatCell(r[c.name])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
