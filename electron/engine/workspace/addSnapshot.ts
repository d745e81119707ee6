/**
 * Add a snapshot of `table` from a SELECT (demo generator, derived tables): build the snapshot
 * table, fingerprint it, record it and repoint the view, all in one transaction.
 */
import type { SnapshotInfo } from '../../../shared/api/dataApi';
import type { SqlParam } from '../db/db';
import { fingerprint } from '../import/fingerprint';
import type { Workspace } from './workspace';
import { describe, nextSnapshotSeq, recordSnapshot, snapshotRelation } from './catalog';

export interface AddSnapshotOptions {
  table: string;
  asOf: string;
  sourceFile: string;
  /** Recorded import time (ISO); the demo passes a fixed one so it is reproducible. */
  importedAt?: string;
  select: string;
  params?: SqlParam[];
  jobId?: string;
}

export async function addSnapshotFromQuery(ws: Workspace, o: AddSnapshotOptions): Promise<SnapshotInfo> {
  const id = await ws.withSession(async (s) => {
    await s.run('BEGIN TRANSACTION');
    try {
      const seq = await nextSnapshotSeq(s);
      const snapId = `s${seq}`;
      const target = snapshotRelation(o.table, snapId);
      await s.run(`CREATE TABLE ${target} AS ${o.select}`, o.params ?? []);
      const fp = await fingerprint(s, target, await describe(s, target));
      await recordSnapshot(s, {
        id: snapId,
        seq,
        table: o.table,
        asOf: o.asOf,
        importedAt: o.importedAt ?? new Date().toISOString(),
        sourceFile: o.sourceFile,
        rows: fp.rows,
        rejected: 0,
        schemaHash: fp.schemaHash,
        contentHash: fp.contentHash,
      });
      s.checkCancelled();
      await s.run('COMMIT');
      return snapId;
    } catch (err) {
      await s.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }, o.jobId);
  return ws.resolveSnapshot(o.table, id);
}
