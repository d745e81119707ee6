/**
 * The whole comparison as one self-contained HTML file (pure): what was compared (each definition's
 * name, kind, file, version and hash; the table, snapshot, its as-of date and the instant the rules
 * were evaluated at), then each part's table and chart image (PNG data URLs, so it opens anywhere
 * without the app or a network). Text is escaped; numbers read formatted, exact on hover.
 */
import type { CompareResult } from '../../../shared/api/compareApi';
import { formatCount } from '../../app/format';
import {
  apartTable,
  breakdownTable,
  concentrationTable,
  kpiTable,
  overlapTable,
  quartileTable,
  visibleModel,
  type TableModel,
} from './compareTables';

export type ReportImage = 'overlap' | 'breakdown' | 'box' | 'histogram' | 'apart' | 'concentration';

export interface ReportInput {
  title: string;
  result: CompareResult;
  measures: readonly string[];
  images: Partial<Record<ReportImage, string>>;
  /** Each column's colour (segmentColors.ts) in the light palette the report is drawn in. */
  colors: readonly string[];
  /** When the report was made (ISO 8601), given by the caller so the builder stays pure. */
  generatedAt: string;
  /** How many features of "what sets it apart" to list. */
  apartTop?: number;
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function htmlTable(model: TableModel, testId?: string): string {
  const m = visibleModel(model);
  const head = m.columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('');
  const body = m.rows
    .map((r) => {
      const cells = r.cells.map((c, i) => {
        const dot = i === 0 && r.color ? `<span class="dot" style="background:${escapeHtml(r.color)}"></span>` : '';
        const title = c.numeric && c.exact !== c.text ? ` title="${escapeHtml(c.exact)}"` : '';
        return `<td class="${c.numeric ? 'num' : ''}"${title}>${dot}${escapeHtml(c.text)}</td>`;
      });
      return `<tr class="${r.kind}">${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table${testId ? ` data-testid="${escapeHtml(testId)}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Only PNG data URLs are embedded (nothing that would load from elsewhere). */
function image(src: string | undefined, alt: string): string {
  return src && /^data:image\/png;base64,[A-Za-z0-9+/=]+$/.test(src)
    ? `<img src="${src}" alt="${escapeHtml(alt)}">`
    : '';
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1f2328;background:#fff;margin:0;padding:28px 36px;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #d8dee4;padding-bottom:4px}
.meta{color:#6e7781;margin:0 0 4px}table{border-collapse:collapse;font-size:12.5px;margin:6px 0 10px}
th,td{padding:4px 9px;border-bottom:1px solid #e4e7eb;text-align:left;white-space:nowrap}th{background:#f6f8fa;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr.baseline td{color:#57606a}tr.rest td{color:#57606a;font-style:italic}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px}img{max-width:100%;border:1px solid #e4e7eb;border-radius:6px}
code{font-family:ui-monospace,monospace;font-size:12px}.warn{background:#fff8c5;color:#9a6700;padding:6px 10px;border-radius:6px}
footer{margin-top:32px;color:#6e7781;font-size:12px}`;

export function buildReportHtml(input: ReportInput): string {
  const r = input.result;
  const names = r.segments.map((c) => c.name);
  const e = escapeHtml;
  const parts: string[] = [];
  parts.push(`<h1>${e(input.title)}</h1>`);
  parts.push(
    `<p class="meta">Table <b>${e(r.table)}</b> · snapshot <code data-testid="report-snapshot">${e(r.snapshot)}</code> as of <b>${e(r.snapshotAsOf)}</b> · ${formatCount(r.total)} rows · rules evaluated as of <b>${e(r.asOf)}</b> (${e(r.asOfSource)})</p>`,
  );
  parts.push(`<p class="meta">Made ${e(input.generatedAt)} with Segment Workbench.</p>`);
  if (r.warnings.length) parts.push(`<div class="warn">${r.warnings.map(e).join('<br>')}</div>`);
  parts.push('<h2>Definitions</h2>');
  parts.push(
    `<table data-testid="report-definitions"><thead><tr><th>Segment</th><th>Kind</th><th>File</th><th>Version</th><th>Hash</th></tr></thead><tbody>${r.segments
      .map(
        (c) =>
          `<tr><td>${e(c.name)}</td><td>${e(c.kind)}</td><td><code>${e(c.file ?? '(unsaved)')}</code></td><td>${c.version === null ? 'draft' : `v${c.version}`}</td><td><code>${e(c.hash ?? '')}</code></td></tr>`,
      )
      .join('')}</tbody></table>`,
  );
  parts.push('<h2>Key figures</h2>', htmlTable(kpiTable(r, input.measures, input.colors), 'report-kpis'));
  parts.push(
    '<h2>Overlap</h2>',
    image(input.images.overlap, 'Overlap matrix'),
    htmlTable(overlapTable(r, input.colors)),
  );
  if (r.breakdown)
    parts.push(
      `<h2>Breakdown by ${e(r.breakdown.column)}</h2>`,
      image(input.images.breakdown, 'Breakdown'),
      htmlTable(breakdownTable(r.breakdown, names)),
    );
  if (r.distribution)
    parts.push(
      `<h2>Distribution of ${e(r.distribution.measure)}</h2>`,
      image(input.images.box, 'Box plot'),
      image(input.images.histogram, 'Histogram'),
      htmlTable(quartileTable(r.distribution, names, input.colors)),
    );
  if (r.apart) {
    const a = names[r.apart.column] ?? '?';
    const b = r.apart.against === 'rest' ? 'the rest of the table' : (names[r.apart.against] ?? '?');
    parts.push(
      `<h2>What sets ${e(a)} apart from ${e(b)}</h2>`,
      `<p class="meta">${formatCount(r.apart.sizeA)} vs ${formatCount(r.apart.sizeB)} rows; effect: |standardized mean difference| for numbers, the largest |difference in share| of one value for the others.</p>`,
    );
    parts.push(
      image(input.images.apart, 'What sets it apart'),
      htmlTable(apartTable(r.apart, { a, b }, input.apartTop ?? 15)),
    );
  }
  if (r.concentration)
    parts.push(
      `<h2>Concentration of ${e(r.concentration.measure)}</h2>`,
      image(input.images.concentration, 'Concentration'),
      htmlTable(concentrationTable(r.concentration, names, input.colors)),
    );
  parts.push('<footer>Numbers are formatted for reading; hover a number for its exact value.</footer>');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(input.title)}</title><style>${STYLE}</style></head>\n<body>\n${parts.filter(Boolean).join('\n')}\n</body></html>\n`;
}
