/**
 * A small menu anchored to a button: closes on Escape (anywhere: focus need not be inside) and on a
 * pointer press outside the anchor and the menu, and is placed on screen — below the anchor, right
 * edges aligned, moved left or above and height-limited so it never leaves the viewport.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';

const MARGIN = 8;
const GAP = 4;

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Fixed-position style for a menu of `width` × `height` under (or above) `anchor` in a viewport of vw × vh. Pure. */
export function placeMenu(
  anchor: Rect,
  width: number,
  height: number,
  vw: number,
  vh: number,
): { left: number; top: number; maxHeight: number } {
  const w = Math.min(width, vw - 2 * MARGIN);
  const left = Math.max(MARGIN, Math.min(anchor.right - w, vw - MARGIN - w));
  const below = vh - MARGIN - (anchor.bottom + GAP);
  const above = anchor.top - GAP - MARGIN;
  if (height <= below || below >= above) return { left, top: anchor.bottom + GAP, maxHeight: Math.max(0, below) };
  const h = Math.min(height, above);
  return { left, top: anchor.top - GAP - h, maxHeight: above };
}

/** `maxHeight`: the menu's own limit (it scrolls past it), within what the viewport leaves. */
export function usePopover<A extends HTMLElement, M extends HTMLElement>(
  maxHeight = 320,
): {
  open: boolean;
  setOpen: (open: boolean) => void;
  toggle: () => void;
  anchorRef: RefObject<A | null>;
  menuRef: RefObject<M | null>;
  style: CSSProperties;
} {
  const [open, setOpen] = useState(false);
  const [style, setStyle] = useState<CSSProperties>({ visibility: 'hidden' });
  const anchorRef = useRef<A | null>(null);
  const menuRef = useRef<M | null>(null);
  const toggle = useCallback(() => setOpen((o) => !o), []);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      anchorRef.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      const t = e.target as Node | null;
      if (t && (anchorRef.current?.contains(t) || menuRef.current?.contains(t))) return;
      setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer, true);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer, true);
    };
  }, [open]);

  useLayoutEffect(() => {
    if (!open) return setStyle({ visibility: 'hidden' });
    const place = () => {
      const a = anchorRef.current?.getBoundingClientRect();
      const m = menuRef.current;
      if (!a || !m) return;
      const p = placeMenu(a, m.offsetWidth, Math.min(m.scrollHeight, maxHeight), window.innerWidth, window.innerHeight);
      setStyle({
        position: 'fixed',
        left: p.left,
        top: p.top,
        maxHeight: Math.min(p.maxHeight, maxHeight),
        right: 'auto',
      });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [open, maxHeight]);

  return { open, setOpen, toggle, anchorRef, menuRef, style };
}
