/**
 * The tiny distribution under a header: up to 12 bars (heights 0..1) and a null marker.
 * Plain divs: a chart instance per header would cost far more than it shows.
 */
export function Sparkbars({ bars, nullShare }: { bars: number[]; nullShare: number }) {
  return (
    <div className="sparkbars" aria-hidden title={nullShare > 0 ? `${Math.round(nullShare * 100)}% null` : undefined}>
      {bars.slice(0, 12).map((h, i) => (
        <span key={i} className="spark" style={{ height: `${Math.max(4, Math.round(h * 100))}%` }} />
      ))}
      {nullShare > 0 && (
        <span className="spark null" style={{ height: `${Math.max(8, Math.round(nullShare * 100))}%` }} />
      )}
    </div>
  );
}
