/**
 * After an import: the reconciliation (records = loaded + rejected), warnings, blanks read as NULL,
 * duplicate keys, and the rejected records with their line and reason.
 */
import type { ImportReport } from '../../../shared/api/dataApi';
import { formatCount } from '../../app/format';
import { useWorkbench } from '../../store/react';

export function ImportReportView({ report }: { report: ImportReport }) {
  const more = useWorkbench((s) => s.importDialog.moreRejects);
  const loadMore = useWorkbench((s) => s.loadMoreRejects);
  const rejects = more.length ? [...report.rejects, ...more] : report.rejects;
  const blanks = Object.entries(report.blanksAsNull);
  const reconciled = report.rows + report.rejected === report.records;
  return (
    <div className="import-report" data-testid="import-report">
      <div className={`report-summary ${report.rejected > 0 ? 'warn' : 'good'}`}>
        <div>
          <div className="big" data-testid="report-loaded">
            {formatCount(report.rows)}
          </div>
          rows loaded into <strong>{report.table}</strong>
        </div>
        <div>
          <div className="big" data-testid="report-rejected">
            {formatCount(report.rejected)}
          </div>
          rejected
        </div>
        <div>
          <div className="big" data-testid="report-records">
            {formatCount(report.records)}
          </div>
          records in the file
        </div>
      </div>
      <div className={reconciled ? 'muted small' : 'error-box'}>
        {reconciled
          ? `Reconciled: ${formatCount(report.rows)} loaded + ${formatCount(report.rejected)} rejected = ${formatCount(report.records)} records. Snapshot as of ${report.snapshot.asOf}.`
          : `Counts do not add up: ${report.rows} + ${report.rejected} ≠ ${report.records}.`}
      </div>
      {report.warnings.length > 0 && (
        <ul className="warnings" data-testid="report-warnings">
          {report.warnings.map((w, i) => (
            <li key={i}>⚠ {w}</li>
          ))}
        </ul>
      )}
      {blanks.length > 0 && (
        <div className="small">
          Blank cells read as NULL: {blanks.map(([c, n]) => `${c} (${formatCount(n)})`).join(', ')}
        </div>
      )}
      {report.duplicateKeys && report.duplicateKeys.count > 0 && (
        <div className="error-box small" data-testid="report-duplicates">
          {formatCount(report.duplicateKeys.count)} duplicate values of key{' '}
          <strong>{report.duplicateKeys.column}</strong>, e.g. {report.duplicateKeys.examples.slice(0, 5).join(', ')}
        </div>
      )}
      {report.rejected > 0 && (
        <div className="rejects" data-testid="reject-report">
          <div className="section-title">
            Rejected records
            {rejects.length < report.rejected
              ? ` (first ${formatCount(rejects.length)} of ${formatCount(report.rejected)})`
              : ''}
          </div>
          <div className="preview-scroll">
            <table className="mini-table">
              <thead>
                <tr>
                  <th>Line</th>
                  <th>Column</th>
                  <th>Reason</th>
                  <th>Raw record</th>
                </tr>
              </thead>
              <tbody>
                {rejects.map((r, i) => (
                  <tr key={i} data-testid="reject-row">
                    <td className="cell-num">{r.line ?? '–'}</td>
                    <td>{r.column ?? '–'}</td>
                    <td>{r.reason}</td>
                    <td className="raw">{r.raw ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rejects.length < report.rejected && (
            <button type="button" className="btn small" data-testid="reject-more" onClick={() => void loadMore()}>
              Show more
            </button>
          )}
        </div>
      )}
    </div>
  );
}
