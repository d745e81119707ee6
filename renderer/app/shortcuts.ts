/**
 * The keyboard map: which key does what, and where. One table feeds the handlers, the "?" panel
 * and docs/keyboard.md, so they cannot drift apart.
 *
 * Undo, redo and save work wherever the focus is while a definition is open in the builder
 * (inputs, selects, the grid), because the builder's inputs show the definition: its undo is the
 * one that means something there (a burst of typing is one step). The exception is a free-text
 * field whose text is not part of the definition (the name, the description, the version note, a
 * search or filter box): there Ctrl+Z is the browser's own text undo, as users expect. Save has no
 * such exception.
 */

export type ShortcutAction = 'undo' | 'redo' | 'save' | 'help';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** What the focus is in, as far as shortcuts care. */
export interface FocusKind {
  /** Typing goes there (text input, textarea, contenteditable): plain keys are text. */
  typing: boolean;
  /** A text field whose own undo history is what Ctrl+Z should use (see above). */
  nativeUndo: boolean;
}

/** The builder's action for a key press in `focus`, or null (the key is left to the page). */
export function builderShortcut(e: KeyPress, focus: FocusKind): Exclude<ShortcutAction, 'help'> | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 's' && !e.shiftKey) return 'save';
  if (focus.nativeUndo) return null;
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !e.shiftKey) return 'redo';
  return null;
}

/** "?" opens the shortcuts panel unless the user is typing (then it is a question mark). */
export function isHelpKey(e: KeyPress, focus: FocusKind): boolean {
  return e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !focus.typing;
}

export interface ShortcutEntry {
  keys: string[];
  does: string;
  where: string;
}

/** Shown by the "?" panel, in this order (Cmd stands for Ctrl on a Mac). */
export const SHORTCUTS: readonly ShortcutEntry[] = [
  {
    keys: ['Ctrl+Z'],
    does: 'Undo the last change to the definition',
    where: 'anywhere while the builder is open, except the name, description and note fields (their own text undo)',
  },
  { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], does: 'Redo', where: 'as Undo' },
  { keys: ['Ctrl+S'], does: 'Save the segment or scheme (a new version)', where: 'anywhere while the builder is open' },
  {
    keys: ['↑', '↓'],
    does: 'Move to the previous or next row; the explanation follows',
    where: 'in the grid, with an explanation open',
  },
  { keys: ['Esc'], does: 'Close the explanation, or this panel', where: 'in the grid; in this panel' },
  // The sidebar rows' own keys (RowActions.rowKeys, compareClick): their tooltips name them too.
  { keys: ['F2'], does: 'Rename the segment or scheme', where: 'on a segment or scheme in the sidebar' },
  {
    keys: ['Delete'],
    does: 'Move the segment or scheme to Recently deleted (restorable)',
    where: 'on a segment or scheme in the sidebar',
  },
  {
    keys: ['Ctrl+click', 'Shift+click'],
    does: 'Choose for a comparison; Shift+click a range',
    where: 'on segments and tiers in the sidebar',
  },
  { keys: ['?'], does: 'Show or hide this list of shortcuts', where: 'anywhere except while typing in a field' },
];

/** The parts of a focused element the decision reads (an Element has them; tests pass a stub). */
export interface FocusedElement {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
  closest(selector: string): unknown;
}

const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/**
 * What the focused element is: the definition's fields are inside `[data-definition-fields]` (the
 * builder), and the free-text fields among them that are not the definition carry
 * `[data-native-undo]`.
 */
export function focusKindOf(el: FocusedElement | null): FocusKind {
  if (!el) return { typing: false, nativeUndo: false };
  const tag = el.tagName.toUpperCase();
  const textInput = tag === 'INPUT' && !NOT_TEXT.has((el.type ?? 'text').toLowerCase());
  const typing = textInput || tag === 'TEXTAREA' || el.isContentEditable === true;
  const nativeUndo =
    typing && (el.closest('[data-definition-fields]') === null || el.closest('[data-native-undo]') !== null);
  return { typing, nativeUndo };
}
