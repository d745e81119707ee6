/**
 * The explanation of a row, over the grid beside that row (explainPlacement.ts): a click on a row
 * opens it; while it is open, moving the focused cell (↑/↓, a click, Tab) explains the new row and
 * the card follows it, also when the grid scrolls. Esc in the grid closes it.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { EventApiModule, ModuleRegistry, RowApiModule, type GridApi } from 'ag-grid-community';

// The API's listeners and rows live in their own modules; the card listens to the grid it sits on.
ModuleRegistry.registerModules([EventApiModule, RowApiModule]);
import { useWorkbench, useWorkbenchStore } from '../../store/react';
import { placeExplain, type Placement } from './explainPlacement';
import { ExplainView } from './ExplainView';

interface Anchor {
  rowIndex: number;
  colId: string | null;
}

function keyAt(api: GridApi, rowIndex: number, keyColumn: string): string | number | null {
  const v = (api.getDisplayedRowAtIndex(rowIndex)?.data as Record<string, unknown> | undefined)?.[keyColumn];
  return typeof v === 'string' || typeof v === 'number' ? v : null;
}

export function ExplainPopover({
  api,
  host,
  keyColumn,
}: {
  api: GridApi;
  host: HTMLElement | null;
  keyColumn: string;
}) {
  const store = useWorkbenchStore();
  const explain = useWorkbench((s) => s.builder?.explain ?? null);
  const explainOpen = explain !== null;
  const explainRow = useWorkbench((s) => s.explainRow);
  const closeExplain = useWorkbench((s) => s.closeExplain);
  const [anchor, setAnchor] = useState<Anchor | null>(null);
  const [scrolled, setScrolled] = useState(0);
  const [place, setPlace] = useState<Placement | null>(null);
  const card = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The store is read at event time: a listener registered once sees the current explanation.
    const current = () => store.getState().builder?.explain ?? null;
    const explainAt = (rowIndex: number, colId: string | null, open: boolean) => {
      const key = keyAt(api, rowIndex, keyColumn);
      if (key === null) return;
      const shown = current();
      if (!open && !shown) return;
      setAnchor({ rowIndex, colId });
      if (!shown || shown.key !== key || shown.status === 'error') void explainRow(key);
    };
    const onFocused = (e: { rowIndex: number | null; rowPinned?: unknown; column: unknown }) => {
      if (e.rowIndex === null || e.rowPinned) return;
      const col = e.column as { getColId?: () => string } | string | null;
      explainAt(e.rowIndex, typeof col === 'string' ? col : (col?.getColId?.() ?? null), false);
    };
    const onClicked = (e: { rowIndex: number | null; event?: Event | null }) => {
      if (e.rowIndex === null) return;
      const cell = e.event?.target instanceof Element ? e.event.target.closest('[col-id]') : null;
      explainAt(e.rowIndex, cell?.getAttribute('col-id') ?? null, true);
    };
    const onKey = (e: { event?: Event | null }) => {
      if (e.event instanceof KeyboardEvent && e.event.key === 'Escape' && current()) closeExplain();
    };
    const onScroll = () => setScrolled((n) => n + 1);
    // A resized grid (window, panel handle, folding) moves the rows too.
    const resize = new ResizeObserver(onScroll);
    if (host) resize.observe(host);
    api.addEventListener('cellFocused', onFocused);
    api.addEventListener('rowClicked', onClicked);
    api.addEventListener('cellKeyDown', onKey);
    api.addEventListener('bodyScroll', onScroll);
    return () => {
      resize.disconnect();
      if (api.isDestroyed()) return;
      api.removeEventListener('cellFocused', onFocused);
      api.removeEventListener('rowClicked', onClicked);
      api.removeEventListener('cellKeyDown', onKey);
      api.removeEventListener('bodyScroll', onScroll);
    };
  }, [api, host, store, keyColumn, explainRow, closeExplain]);

  // Measure the row, the cell and the card (its height follows its content) after each change.
  useLayoutEffect(() => {
    if (!explainOpen || !host || !card.current) return;
    // Rows scroll under the header: the card stays below it.
    const hostRect = host.getBoundingClientRect();
    const headerBottom = host.querySelector('.ag-header')?.getBoundingClientRect().bottom ?? hostRect.top;
    const area = {
      top: headerBottom,
      left: hostRect.left,
      width: hostRect.width,
      height: hostRect.bottom - headerBottom,
    };
    const top = area.top - hostRect.top;
    const rowEl = anchor ? host.querySelector(`[role=row][row-index="${anchor.rowIndex}"]`) : null;
    const cellEl =
      rowEl && anchor?.colId
        ? host.querySelector(`[row-index="${anchor.rowIndex}"] [col-id="${CSS.escape(anchor.colId)}"]`)
        : null;
    const r = rowEl?.getBoundingClientRect();
    const c = cellEl?.getBoundingClientRect();
    const next = placeExplain({
      row: r ? { start: r.top - area.top, end: r.bottom - area.top } : { start: 0, end: 0 },
      cell: c ? { start: c.left - area.left, end: c.right - area.left } : null,
      area: { width: area.width, height: area.height },
      card: { width: card.current.offsetWidth, height: card.current.offsetHeight },
    });
    const moved = { ...next, top: next.top + top };
    setPlace((p) => (p && p.top === moved.top && p.left === moved.left && p.side === moved.side ? p : moved));
  }, [explain, explainOpen, host, anchor, scrolled]);

  if (!explainOpen) return null;
  return (
    <div
      ref={card}
      className="explain-popover"
      role="region"
      aria-label="Why this row is or is not in the segment"
      data-testid="explain-popover"
      data-row-index={anchor?.rowIndex}
      data-side={place?.side}
      data-scrolled={scrolled}
      style={place ? { top: place.top, left: place.left } : { top: 8, right: 8, visibility: 'hidden' }}
    >
      <ExplainView />
    </div>
  );
}
