/**
 * First step: a drop zone with a button. Electron uses the native picker; the browser an
 * <input type=file> (kept in the DOM for tests: import-file-input).
 */
import { useRef } from 'react';
import { usePlatform } from '../../app/platformContext';
import { useWorkbench } from '../../store/react';

const accept = '.csv,.tsv,.txt,.parquet,.json,.ndjson,.jsonl,.xlsx';

export function FileChooser() {
  const { files } = usePlatform();
  const choose = useWorkbench((s) => s.chooseImportFile);
  const input = useRef<HTMLInputElement>(null);
  const onPick = async () => {
    if (files.pick) {
      const [first] = await files.pick();
      if (first) void choose(first);
    } else input.current?.click();
  };
  return (
    <div className="drop-zone">
      <div className="drop-title">Drop a file here</div>
      <div className="muted small">CSV, TSV, Parquet, JSON, NDJSON or Excel (.xlsx)</div>
      <button type="button" className="btn primary" data-testid="import-choose" onClick={() => void onPick()}>
        Choose file…
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid="import-file-input"
        onChange={(e) => {
          const first = e.target.files ? files.fromFiles(e.target.files)[0] : undefined;
          e.target.value = '';
          if (first) void choose(first);
        }}
      />
    </div>
  );
}
