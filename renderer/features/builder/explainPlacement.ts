/**
 * Where the explanation card goes over the grid: level with the selected row (so ↑/↓ carry it
 * along), on the side of the grid away from the selected cell (so the row's values stay readable
 * and the next row is not covered), kept inside the grid. Pure: rectangles in, position out, all
 * relative to the grid's top-left corner.
 */

export interface Span {
  start: number;
  end: number;
}

export interface PlacementInput {
  /** The selected row's top and bottom (may lie outside the area when scrolled away). */
  row: Span;
  /** The focused cell's left and right, when known. */
  cell: Span | null;
  area: { width: number; height: number };
  card: { width: number; height: number };
  /** Space kept between the card and the grid's edges. */
  margin?: number;
}

export interface Placement {
  top: number;
  left: number;
  side: 'left' | 'right';
}

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

export function placeExplain({ row, cell, area, card, margin = 8 }: PlacementInput): Placement {
  const rightLeft = Math.max(margin, area.width - card.width - margin);
  const leftLeft = margin;
  let side: Placement['side'] = 'right';
  if (cell) {
    const onRight = overlap(cell, { start: rightLeft, end: rightLeft + card.width });
    const onLeft = overlap(cell, { start: leftLeft, end: leftLeft + card.width });
    if (onLeft < onRight) side = 'left';
  }
  const maxTop = Math.max(margin, area.height - card.height - margin);
  const top = Math.min(maxTop, Math.max(margin, row.start));
  return { top: Math.round(top), left: Math.round(side === 'right' ? rightLeft : leftLeft), side };
}
