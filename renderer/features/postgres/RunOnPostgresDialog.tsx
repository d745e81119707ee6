/**
 * "Run on PostgreSQL…" for a saved segment or scheme: the workspace's connection (host, port,
 * database, user, schema, SSL; saved in the workspace without the password), a password field kept
 * in memory only, Count on the server, and the server's count beside the workspace's (per tier for
 * a scheme). After a count, "Export members…" opens the export dialog on the server's rows.
 * Presentational: every step is a store action. Rendered into <body> like the export dialog.
 */
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { sslModes } from '../../../shared/api/postgresApi';
import { formatCount, formatPercent } from '../../app/format';
import { useWorkbench, useWorkbenchShallow } from '../../store/react';
import type { PgForm } from '../../store/postgresTypes';
import '../export/exportDialog.css';

const FIELDS: { key: Exclude<keyof PgForm, 'sslmode' | 'asOf'>; label: string; placeholder: string }[] = [
  { key: 'host', label: 'Host', placeholder: 'localhost' },
  { key: 'port', label: 'Port', placeholder: '5432' },
  { key: 'database', label: 'Database', placeholder: 'same as the user' },
  { key: 'user', label: 'User', placeholder: 'your login' },
  { key: 'schema', label: 'Schema', placeholder: 'the search_path (public)' },
];

function share(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : formatPercent(v);
}

export function RunOnPostgresDialog() {
  const d = useWorkbench((s) => s.pgDialog);
  const password = useWorkbench((s) => s.pgPassword);
  const a = useWorkbenchShallow((s) => ({
    close: s.closePostgresRun,
    run: s.runPostgresCount,
    cancel: s.cancelPostgresCount,
    setField: s.setPgField,
    setPassword: s.setPgPassword,
    exportMembers: s.openExportFromPostgres,
  }));
  const box = useRef<HTMLDivElement>(null);
  const pw = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (d.open) box.current?.focus();
  }, [d.open]);
  useEffect(() => {
    if (d.needsPassword) pw.current?.focus();
  }, [d.needsPassword]);
  if (!d.open) return null;
  const busy = d.phase === 'counting';
  const local = d.local;
  const remote = d.remote;
  const tiers = remote?.tiers ?? local?.tiers ?? null;
  return createPortal(
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && a.close()}>
      <div
        ref={box}
        tabIndex={-1}
        className="modal export-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pg-title"
        data-testid="pg-dialog"
        data-phase={d.phase}
        onKeyDown={(e) => e.key === 'Escape' && !busy && a.close()}
      >
        <div className="modal-header">
          <h2 id="pg-title">
            Run <span className="file-name">{d.name}</span> on PostgreSQL
          </h2>
          <button type="button" className="btn icon small" aria-label="Close" disabled={busy} onClick={a.close}>
            ✕
          </button>
        </div>
        <form
          className="modal-body"
          onSubmit={(e) => {
            e.preventDefault();
            void a.run();
          }}
        >
          {d.phase === 'loading' && <div className="muted">Reading the workspace's connection…</div>}
          <fieldset className="pg-connection" disabled={busy || d.phase === 'loading'}>
            <legend>
              Connection <span className="muted small">(saved in the workspace, without the password)</span>
            </legend>
            {FIELDS.map((f) => (
              <label key={f.key} className="pg-field">
                <span>{f.label}</span>
                <input
                  type="text"
                  value={d.form[f.key]}
                  placeholder={f.placeholder}
                  autoComplete="off"
                  spellCheck={false}
                  data-testid={`pg-${f.key}`}
                  onChange={(e) => a.setField(f.key, e.target.value)}
                />
              </label>
            ))}
            <label className="pg-field">
              <span>SSL</span>
              <select
                value={d.form.sslmode}
                data-testid="pg-sslmode"
                onChange={(e) => a.setField('sslmode', e.target.value)}
              >
                {sslModes.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
            <label className="pg-field">
              <span>Password</span>
              <input
                ref={pw}
                type="password"
                value={password}
                autoComplete="off"
                data-testid="pg-password"
                aria-invalid={d.needsPassword || undefined}
                onChange={(e) => a.setPassword(e.target.value)}
              />
            </label>
            <div className="muted small">The password is kept in memory only, for this window: never saved.</div>
          </fieldset>
          <label className="pg-field pg-asof">
            <span>As of</span>
            <input
              type="text"
              value={d.form.asOf}
              placeholder="the definition's as-of"
              autoComplete="off"
              data-testid="pg-asof"
              disabled={busy}
              onChange={(e) => a.setField('asOf', e.target.value)}
            />
          </label>
          <table className="pg-counts" data-testid="pg-counts">
            <thead>
              <tr>
                <th />
                <th>In the workspace</th>
                <th>On PostgreSQL</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th>{d.scheme ? 'In a named tier' : 'Members'}</th>
                <td data-testid="pg-local-count">
                  {local?.count == null ? '…' : `${formatCount(local.count)} ${share(local.share)}`}
                </td>
                <td data-testid="pg-remote-count">
                  {remote ? `${formatCount(remote.count)} ${share(remote.share)}` : busy ? 'counting…' : '—'}
                </td>
              </tr>
              {tiers?.map((t) => (
                <tr key={t.name}>
                  <th>{t.name}</th>
                  <td>{local?.tiers?.find((x) => x.name === t.name)?.count ?? '…'}</td>
                  <td data-testid={`pg-remote-tier-${t.name}`}>
                    {remote?.tiers?.find((x) => x.name === t.name)?.count ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {remote && (
            <div className="muted small" data-testid="pg-server">
              {remote.total.toLocaleString('en-US')} rows in {remote.server.tables[remote.table]}.{remote.table} on
              PostgreSQL {remote.server.version.split(' ')[0]} ({remote.server.database}), as of {remote.asOf}
            </div>
          )}
          {remote?.warnings.map((w) => (
            <div key={w} className="diag warning small">
              {w}
            </div>
          ))}
          {d.error && (
            <div className="error-box" role="alert" data-testid="pg-error">
              <strong>{d.error.code === 'interrupted' ? 'Cancelled.' : 'It could not run on PostgreSQL.'}</strong>{' '}
              {d.error.message}
              <div className="hint">{d.error.hint}</div>
            </div>
          )}
          <button type="submit" hidden />
        </form>
        <div className="modal-footer">
          {busy ? (
            <button type="button" className="btn" data-testid="pg-cancel" onClick={() => void a.cancel()}>
              Cancel
            </button>
          ) : (
            <>
              <button type="button" className="btn" data-testid="pg-close" onClick={a.close}>
                Close
              </button>
              <button
                type="button"
                className="btn"
                data-testid="pg-export"
                disabled={!remote}
                title={remote ? 'Export the members from the server' : 'Count on the server first'}
                onClick={() => void a.exportMembers()}
              >
                Export members…
              </button>
              <button
                type="button"
                className="btn primary"
                data-testid="pg-run"
                disabled={d.phase === 'loading'}
                onClick={() => void a.run()}
              >
                {remote ? 'Count again' : 'Count on the server'}
              </button>
            </>
          )}
        </div>
      </div>
    </div>,
    document.body,
  );
}
