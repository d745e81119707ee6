/**
 * The handle on the builder panel's left edge: drag to resize (the width is remembered), arrow
 * keys move it by 16 px, double-click (or Home) goes back to the default width.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useWorkbench } from '../store/react';
import { clampPanelWidth, PANEL_MIN } from './panelWidth';

export function PanelResizer({ width, windowWidth }: { width: number; windowWidth: number }) {
  const setWidth = useWorkbench((s) => s.setBuilderWidth);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    // The panel is on the right: dragging left widens it.
    if (drag.current) setWidth(clampPanelWidth(drag.current.width + drag.current.x - e.clientX, windowWidth));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowLeft' ? 16 : e.key === 'ArrowRight' ? -16 : 0;
    if (step !== 0) setWidth(clampPanelWidth(width + step, windowWidth));
    else if (e.key === 'Home') setWidth(null);
    else return;
    e.preventDefault();
  };
  return (
    <div
      className="panel-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the builder panel"
      aria-valuenow={width}
      aria-valuemin={PANEL_MIN}
      title="Drag to resize · double-click for the default width"
      tabIndex={0}
      data-testid="builder-resizer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => setWidth(null)}
      onKeyDown={onKeyDown}
    />
  );
}
