// Saved comparisons: kept as comparisons/<slug>.comparison.json in the workspace, listed by name,
// read back with their state as saved (defaults applied), renamed (the file follows), deleted to the
// trash; names are unique; paths outside comparisons/ and files that are not comparisons are refused.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompareService } from '../../../../electron/engine/compare/compareService';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import type { CompareApi } from '../../../../shared/api/compareApi';
import { tempDir } from '../engineTestUtils';

const t = tempDir();
let ws: Workspace;
let api: CompareApi;
const state = {
  targets: [{ file: 'segments/activated.segment.json' }, { file: 'schemes/value-tiers.scheme.json', tier: 'High' }],
  measures: ['mrr'],
  breakdown: { column: 'channel', value: 'sum' as const, measure: 'mrr' },
  view: { tab: 'breakdown', layout: 'stacked' },
};

beforeAll(async () => {
  ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
  api = createCompareService({ workspace: () => ws, emit: () => {} });
});
afterAll(() => {
  ws?.close();
  t.cleanup();
});

describe('saved comparisons', () => {
  it('saves, lists and reads back what the view needs', async () => {
    const saved = await api.saveComparison({ name: 'Monday numbers', state });
    expect(saved.file).toBe('comparisons/monday-numbers.comparison.json');
    const onDisk = JSON.parse(readFileSync(join(ws.path, saved.file), 'utf8'));
    expect(onDisk).toMatchObject({ format: 'segment-workbench-comparison', formatVersion: 1, name: 'Monday numbers' });
    expect((await api.listComparisons({})).map((c) => [c.name, c.file])).toEqual([['Monday numbers', saved.file]]);
    const doc = await api.readComparison({ file: saved.file });
    expect(doc.state.targets).toEqual(state.targets);
    expect(doc.state.breakdown).toMatchObject({
      column: 'channel',
      value: 'sum',
      measure: 'mrr',
      mode: 'auto',
      top: 12,
      bins: 10,
    });
    expect(doc.state.view).toEqual(state.view);
    // Saving over the file keeps its name and place.
    await api.saveComparison({ file: saved.file, name: 'Monday numbers', state: { ...state, measures: ['seats'] } });
    expect((await api.readComparison({ file: saved.file })).state.measures).toEqual(['seats']);
  });

  it('names are unique; a rename moves the file to the new name', async () => {
    await expect(api.saveComparison({ name: 'Monday numbers', state })).rejects.toMatchObject({
      code: 'usage',
      message: expect.stringContaining('already exists'),
    });
    const other = await api.saveComparison({ name: 'Churn review', state });
    const renamed = await api.renameComparison({ file: other.file, name: 'Churn review (Q4)' });
    expect(renamed).toMatchObject({ name: 'Churn review (Q4)', file: 'comparisons/churn-review-q4.comparison.json' });
    expect(existsSync(join(ws.path, other.file))).toBe(false);
    await expect(api.renameComparison({ file: renamed.file, name: 'Monday numbers' })).rejects.toMatchObject({
      code: 'usage',
    });
    expect((await api.listComparisons({})).map((c) => c.name)).toEqual(['Churn review (Q4)', 'Monday numbers']);
  });

  it('deletes to the trash', async () => {
    const doomed = await api.saveComparison({ name: 'Scratch', state });
    await api.deleteComparison({ file: doomed.file });
    expect(existsSync(join(ws.path, doomed.file))).toBe(false);
    expect(readdirSync(join(ws.path, '.trash')).some((n) => n.endsWith('-scratch.comparison.json'))).toBe(true);
    await expect(api.readComparison({ file: doomed.file })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses paths outside comparisons/ and files that are not comparisons', async () => {
    await expect(api.readComparison({ file: '../elsewhere.comparison.json' })).rejects.toMatchObject({ code: 'usage' });
    await expect(api.readComparison({ file: 'comparisons/../workspace.json' })).rejects.toMatchObject({
      code: 'usage',
    });
    writeFileSync(
      join(ws.path, 'comparisons', 'broken.comparison.json'),
      '{"format": "segment-workbench-comparison", "state": {"targets": []}}',
    );
    await expect(api.readComparison({ file: 'comparisons/broken.comparison.json' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('targets'),
    });
    writeFileSync(
      join(ws.path, 'comparisons', 'dup.comparison.json'),
      '{"format": "segment-workbench-comparison", "name": "a", "name": "b"}',
    );
    await expect(api.readComparison({ file: 'comparisons/dup.comparison.json' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/line 1: .*name/i),
    });
    // Unreadable files are still listed (by file name), so they can be deleted from the app.
    expect((await api.listComparisons({})).map((c) => c.name)).toContain('broken');
  });
});
