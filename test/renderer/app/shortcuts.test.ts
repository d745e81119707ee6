import { describe, expect, it } from 'vitest';
import {
  builderShortcut,
  focusKindOf,
  isHelpKey,
  SHORTCUTS,
  type FocusedElement,
  type KeyPress,
} from '../../../renderer/app/shortcuts';

const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const grid = { typing: false, nativeUndo: false };
const ruleInput = { typing: true, nativeUndo: false };
const noteInput = { typing: true, nativeUndo: true };

/** A stub element: `inside` lists the attribute selectors its ancestors match. */
function el(tagName: string, inside: string[] = [], extra: Partial<FocusedElement> = {}): FocusedElement {
  return { tagName, ...extra, closest: (sel: string) => (inside.includes(sel) ? {} : null) };
}

describe('keyboard shortcuts', () => {
  it('undo, redo and save from the grid or a rule input; Cmd works as Ctrl', () => {
    for (const focus of [grid, ruleInput]) {
      expect(builderShortcut(key('z', { ctrlKey: true }), focus)).toBe('undo');
      expect(builderShortcut(key('Z', { ctrlKey: true, shiftKey: true }), focus)).toBe('redo');
      expect(builderShortcut(key('y', { ctrlKey: true }), focus)).toBe('redo');
      expect(builderShortcut(key('s', { ctrlKey: true }), focus)).toBe('save');
      expect(builderShortcut(key('z', { metaKey: true }), focus)).toBe('undo');
      expect(builderShortcut(key('S', { metaKey: true }), focus)).toBe('save');
    }
  });

  it('leaves plain keys, Alt combinations and other letters to the page', () => {
    expect(builderShortcut(key('z'), grid)).toBeNull();
    expect(builderShortcut(key('s', { ctrlKey: true, altKey: true }), grid)).toBeNull();
    expect(builderShortcut(key('c', { ctrlKey: true }), ruleInput)).toBeNull();
    expect(builderShortcut(key('s', { ctrlKey: true, shiftKey: true }), grid)).toBeNull();
  });

  it('keeps native text undo in free-text fields that are not the definition, but saves from them', () => {
    expect(builderShortcut(key('z', { ctrlKey: true }), noteInput)).toBeNull();
    expect(builderShortcut(key('z', { ctrlKey: true, shiftKey: true }), noteInput)).toBeNull();
    expect(builderShortcut(key('s', { ctrlKey: true }), noteInput)).toBe('save');
  });

  it('? opens the panel unless typing', () => {
    expect(isHelpKey(key('?', { shiftKey: true }), grid)).toBe(true);
    expect(isHelpKey(key('?', { shiftKey: true }), ruleInput)).toBe(false);
    expect(isHelpKey(key('/'), grid)).toBe(false);
    expect(isHelpKey(key('?', { ctrlKey: true }), grid)).toBe(false);
  });

  it('tells typing fields and the definition fields apart', () => {
    const builder = ['[data-definition-fields]'];
    expect(focusKindOf(null)).toEqual({ typing: false, nativeUndo: false });
    expect(focusKindOf(el('DIV', builder))).toEqual({ typing: false, nativeUndo: false });
    expect(focusKindOf(el('SELECT', builder))).toEqual({ typing: false, nativeUndo: false });
    expect(focusKindOf(el('INPUT', builder, { type: 'checkbox' }))).toEqual({ typing: false, nativeUndo: false });
    expect(focusKindOf(el('INPUT', builder, { type: 'text' }))).toEqual({ typing: true, nativeUndo: false });
    expect(focusKindOf(el('TEXTAREA', builder))).toEqual({ typing: true, nativeUndo: false });
    expect(focusKindOf(el('INPUT', [...builder, '[data-native-undo]']))).toEqual({ typing: true, nativeUndo: true });
    // A search box or a grid filter outside the builder keeps its own undo.
    expect(focusKindOf(el('INPUT', [], { type: 'search' }))).toEqual({ typing: true, nativeUndo: true });
    expect(focusKindOf(el('DIV', [], { isContentEditable: true }))).toEqual({ typing: true, nativeUndo: true });
  });

  it('lists every builder shortcut in the panel', () => {
    const listed = SHORTCUTS.flatMap((s) => s.keys);
    for (const k of ['Ctrl+Z', 'Ctrl+Shift+Z', 'Ctrl+Y', 'Ctrl+S', '?', 'Esc', '↑', '↓', 'F2', 'Delete'])
      expect(listed).toContain(k);
  });
});
