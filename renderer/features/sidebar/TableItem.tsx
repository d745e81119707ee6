/**
 * One table in the sources list; when selected and with several snapshots, its snapshots below it.
 */
import type { TableInfo } from '../../../shared/api/dataApi';
import { formatCount } from '../../app/format';

export interface TableItemProps {
  table: TableInfo;
  selected: boolean;
  selectedSnapshot: string | null;
  onSelect(name: string, snapshot: string | null): void;
}

export function TableItem({ table, selected, selectedSnapshot, onSelect }: TableItemProps) {
  const latest = table.snapshots[table.snapshots.length - 1];
  return (
    <li className="table-entry">
      <button
        type="button"
        className={`table-item${selected ? ' selected' : ''}`}
        data-testid={`table-item-${table.name}`}
        aria-current={selected && !selectedSnapshot ? 'true' : undefined}
        onClick={() => onSelect(table.name, null)}
        title={latest ? `${table.name} · as of ${latest.asOf} · ${table.columns.length} columns` : table.name}
      >
        <span className="table-icon" aria-hidden>
          ▦
        </span>
        <span className="table-name">{table.name}</span>
        <span className="table-rows" data-testid={`table-rows-${table.name}`}>
          {formatCount(table.rows)}
        </span>
      </button>
      {selected && table.snapshots.length > 0 && (
        <ul className="snapshot-list">
          {[...table.snapshots].reverse().map((s, i) => {
            const isLatest = i === 0;
            const active = isLatest
              ? selectedSnapshot === null || selectedSnapshot === s.id
              : selectedSnapshot === s.id;
            return (
              <li key={s.id}>
                <button
                  type="button"
                  className={`snapshot-item${active ? ' selected' : ''}`}
                  data-testid={`snapshot-item-${s.asOf}`}
                  onClick={() => onSelect(table.name, isLatest ? null : s.id)}
                  title={`imported ${s.importedAt} from ${s.sourceFile}`}
                >
                  <span>as of {s.asOf}</span>
                  {isLatest && <span className="badge">latest</span>}
                  <span className="table-rows">{formatCount(s.rows)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}
