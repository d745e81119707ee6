/**
 * Move a rule up or down among its siblings (keyboard-friendly reordering).
 */
import type { RulePath } from '../../../shared/segments/ruleTree';
import { useRuleEditor } from './ruleEditorContext';

export function MoveButtons({ path, siblings }: { path: RulePath; siblings: number }) {
  const { edit } = useRuleEditor();
  const index = path[path.length - 1] ?? 0;
  const parent = path.slice(0, -1);
  if (path.length === 0 || siblings < 2) return null;
  return (
    <>
      <button
        type="button"
        className="btn small"
        aria-label="Move up"
        title="Move up"
        disabled={index === 0}
        onClick={() => edit({ type: 'move', from: path, toGroup: parent, index: index - 1 })}
      >
        ↑
      </button>
      <button
        type="button"
        className="btn small"
        aria-label="Move down"
        title="Move down"
        disabled={index >= siblings - 1}
        onClick={() => edit({ type: 'move', from: path, toGroup: parent, index: index + 2 })}
      >
        ↓
      </button>
    </>
  );
}
