// The HTML report: self-contained (inline style, PNG data URLs only, nothing fetched), escaped, with
// every definition's name, version and hash, the snapshot and as-of, and each part present.
import { describe, expect, it } from 'vitest';
import type { CompareResult } from '../../../../shared/api/compareApi';
import { buildReportHtml, escapeHtml } from '../../../../renderer/features/compare/reportHtml';
import { compareResult, threeColumns } from '../../compareFixtures';

const png = 'data:image/png;base64,iVBORw0KGgo=';

describe('HTML report', () => {
  it('names each definition with its version and hash, the snapshot and as-of, and embeds the charts', () => {
    const r: CompareResult = {
      ...threeColumns(),
      breakdown: {
        column: 'channel',
        family: 'text',
        value: 'count',
        measure: null,
        categories: ['organic'],
        details: [{ label: 'organic', value: 'organic', kind: 'value' }],
        counts: [[1], [2], [3]],
        baseline: { counts: [6] },
      },
      concentration: {
        measure: 'mrr',
        points: [1],
        curves: [[1], [1], [1]],
        top: [
          { p10: 0.5, p20: 0.6, p50: 0.9 },
          { p10: 0.5, p20: 0.6, p50: 0.9 },
          { p10: 0.5, p20: 0.6, p50: 0.9 },
        ],
        totals: [1, 2, 3],
        baseline: { curve: [1], top: { p10: 0.3, p20: 0.4, p50: 0.8 }, total: 6 },
      },
    };
    const html = buildReportHtml({
      title: 'Monday numbers',
      result: r,
      measures: ['mrr'],
      images: { overlap: png, breakdown: png, concentration: 'https://evil.example/x.png' },
      colors: ['#aa1111', '#11aa11', '#1111aa'],
      generatedAt: '2026-11-30T09:00:00Z',
    });
    // Each column's dot in the colour it is given (the app's, in the light palette).
    expect(html).toContain('<span class="dot" style="background:#aa1111"></span>');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const c of r.segments) {
      expect(html).toContain(`<td>${c.name}</td>`);
      expect(html).toContain(`<code>${c.hash}</code>`);
    }
    expect(html).toContain('<td>v2</td>');
    expect(html).toContain('snapshot <code data-testid="report-snapshot">snap-nov</code> as of <b>2026-11-01</b>');
    expect(html).toContain('rules evaluated as of <b>2026-11-01T00:00:00Z</b> (snapshot)');
    expect(html).toContain('<h2>Breakdown by channel</h2>');
    expect(html).toContain('<h2>Concentration of mrr</h2>');
    expect(html).not.toContain('<h2>Distribution');
    // Two embedded images; the URL that would load from the network is left out; no script, no link.
    expect(html.match(/<img /g)).toHaveLength(2);
    expect(html).not.toContain('evil.example');
    expect(html).not.toMatch(/<script|<link|src="http/);
    // KPIs formatted, exact on hover.
    expect(html).toContain('<td class="num" title="0.3">30%</td>');
    expect(html).toContain('<td class="num" title="1.2">1.20×</td>');
  });

  it('escapes names and says when a column is an unsaved draft', () => {
    const r = compareResult(
      [{ name: '<script>alert(1)</script> & co', count: 10, mrr: 5, kind: 'draft', file: null, version: null }],
      [[10]],
    );
    const html = buildReportHtml({
      title: 'A "quoted" <title>',
      result: r,
      measures: ['mrr'],
      images: {},
      colors: ['#aa1111'],
      generatedAt: 'x',
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(html).toContain('<title>A &quot;quoted&quot; &lt;title&gt;</title>');
    expect(html).toContain('<code>(unsaved)</code></td><td>draft</td>');
    expect(html).toContain('Rest of the table');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});
