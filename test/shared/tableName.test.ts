// One derivation of a table name from a file name (issue 12 item 2), for `segwb import` and the
// import dialog alike. Expectations are written out by hand from the rules in shared/tableName.ts.
import { describe, expect, it } from 'vitest';
import { tableNameFromFile } from '../../shared/tableName';

describe('tableNameFromFile', () => {
  it.each([
    ['customers.csv', 'customers'],
    ['telco_customer_churn.csv', 'telco_customer_churn'],
    ['Customer Export 2026-11.csv', 'customer_export_2026_11'],
    ['  spaced   out  .tsv', 'spaced_out'],
    ['report.v2.final.csv', 'report_v2_final'],
    ['archive.csv.gz', 'archive'],
    ['ARCHIVE.CSV.GZ', 'archive'],
    ['events.ndjson', 'events'],
    ['book.XLSX', 'book'],
    ['notes.md', 'notes_md'],
    ['.hidden.csv', 'hidden'],
    ['2026 data.PARQUET', 't_2026_data'],
    ['123.csv', 't_123'],
    ['Données clients été.csv', 'donnees_clients_ete'],
    ['Ärger-Übersicht.xlsx', 'arger_ubersicht'],
    ['顧客リスト.csv', '顧客リスト'],
    ['Straße.csv', 'straße'],
    ['order.csv', 't_order'],
    ['SELECT.csv', 't_select'],
    ['user.json', 't_user'],
    ['orders.csv', 'orders'],
    ['%%%.csv', 'imported'],
    ['.csv', 'imported'],
    ['/home/ana/exports/Q4 accounts.csv', 'q4_accounts'],
    ['C:\\Users\\ana\\Q4 accounts.csv', 'q4_accounts'],
  ])('%s → %s', (file, table) => {
    expect(tableNameFromFile(file)).toBe(table);
  });

  it('stays within 63 bytes without splitting a character or ending in _', () => {
    expect(tableNameFromFile(`${'a'.repeat(100)}.csv`)).toBe('a'.repeat(63));
    expect(tableNameFromFile(`${'a'.repeat(62)} b.csv`)).toBe('a'.repeat(62));
    // 'é' is kept as 'e' (folded), '顧' is 3 bytes: 21 of them are 63 bytes, the 22nd does not fit.
    expect(tableNameFromFile(`${'顧'.repeat(30)}.csv`)).toBe('顧'.repeat(21));
  });
});
