/**
 * A card of the compare view (and the Over time view): a title row with its controls and file actions (PNG of its
 * chart,
 * CSV of its table), and the content. While its part is being computed, the previous content shows
 * dimmed; when it failed, the error says so (the status line above has Retry).
 */
import { useRef, type ReactNode } from 'react';
import { palettes } from '../../charts/palette';
import type { ChartHandle } from '../../charts/EChart';
import { fileStem } from '../../store/exportSlice';
import { useWorkbench } from '../../store/react';
import { dataUrlBase64, useSaveFile } from './useSaveFile';

export interface FileActions {
  /** File names are `<comparison>-<suffix>.png|csv`. */
  suffix: string;
  /** The chart to save as PNG (set by the EChart's onChart). */
  chart?: { current: ChartHandle | null };
  /** The table to save as CSV (every column, exact numbers), built when asked. */
  csv?: (() => string) | null;
}

export function useChartHandle() {
  const ref = useRef<ChartHandle | null>(null);
  const onChart = (h: ChartHandle | null) => {
    ref.current = h;
  };
  return { ref, onChart };
}

export function SectionCard(props: {
  title: ReactNode;
  testId: string;
  controls?: ReactNode;
  files?: FileActions;
  busy?: boolean;
  error?: string | null;
  children: ReactNode;
  /** File names' stem (default: the comparison's name). */ fileName?: string;
}) {
  const theme = useWorkbench((s) => s.theme);
  const comparison = useWorkbench((s) => s.compare?.saved?.name ?? 'comparison');
  const name = props.fileName ?? comparison;
  const { save, note } = useSaveFile();
  const f = props.files;
  const stem = `${fileStem(name)}-${f?.suffix ?? 'part'}`;
  return (
    <div
      className={`compare-card${props.busy ? ' busy' : ''}`}
      data-testid={props.testId}
      aria-busy={props.busy || undefined}
    >
      <div className="card-head">
        <h2>{props.title}</h2>
        <div className="card-controls">{props.controls}</div>
        <div className="card-files">
          {note && (
            <span className={`save-note${note.error ? ' bad' : ''}`} role="status" data-testid={`${props.testId}-note`}>
              {note.text}
            </span>
          )}
          {f?.chart && (
            <button
              type="button"
              className="btn small"
              title="Save the chart as a PNG image"
              data-testid={`${props.testId}-png`}
              onClick={() => {
                const h = f.chart?.current;
                if (h)
                  void save(`${stem}.png`, 'png', () => ({ base64: dataUrlBase64(h.toPng(palettes[theme].paper)) }));
              }}
            >
              PNG
            </button>
          )}
          {f?.csv && (
            <button
              type="button"
              className="btn small"
              title="Save the table as CSV (exact numbers)"
              data-testid={`${props.testId}-csv`}
              onClick={() => f.csv && void save(`${stem}.csv`, 'csv', { text: f.csv() })}
            >
              CSV
            </button>
          )}
        </div>
      </div>
      {props.error && (
        <div className="error-box small" role="alert">
          {props.error}
        </div>
      )}
      <div className="card-body">{props.children}</div>
    </div>
  );
}
