/**
 * "Why is this row (not) in the segment?": the rule tree for one row, each node passing or failing,
 * with the field's value beside conditions; for a scheme, the tier the row falls in. Shown by
 * ExplainPopover beside the row in the grid.
 */
import type { ExplainNode } from '../../../shared/api/segmentsApi';
import { formatCell } from '../../app/format';
import { useWorkbench } from '../../store/react';

function NodeView({ node }: { node: ExplainNode }) {
  return (
    <li className={`explain-node ${node.pass ? 'pass' : 'fail'}`} data-testid="explain-node" data-pass={node.pass}>
      <span className="mark" aria-label={node.pass ? 'passes' : 'fails'}>
        {node.pass ? '✓' : '✗'}
      </span>{' '}
      {node.label}
      {node.value !== undefined && (
        <span className="muted"> (value: {node.value === null ? 'null' : formatCell(node.value)})</span>
      )}
      {node.children && node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <NodeView key={c.path} node={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function ExplainView() {
  const explain = useWorkbench((s) => s.builder?.explain ?? null);
  const close = useWorkbench((s) => s.closeExplain);
  if (!explain) return null;
  const r = explain.result;
  return (
    <div className="explain" data-testid="explain">
      <div className="section-title with-action">
        Explain {String(explain.key)}
        <button
          type="button"
          className="btn small"
          title="Close (Esc in the grid)"
          aria-label="Close explanation"
          data-testid="explain-close"
          onClick={close}
        >
          ✕
        </button>
      </div>
      {explain.status === 'loading' && <div className="muted small">Explaining…</div>}
      {explain.error && <div className="diag error">{explain.error.message}</div>}
      {r && !r.found && <div className="diag warning">No row with key {String(r.key)} in this snapshot.</div>}
      {r && r.found && (
        <>
          <div
            className={`explain-verdict ${r.inSegment ? 'pass' : 'fail'}`}
            data-testid="explain-verdict"
            data-in={r.inSegment}
          >
            {r.tier !== undefined ? `In tier ${r.tier}` : r.inSegment ? 'In the segment' : 'Not in the segment'}
          </div>
          {r.root && (
            <ul className="explain-tree">
              <NodeView node={r.root} />
            </ul>
          )}
        </>
      )}
    </div>
  );
}
