// Shared fixtures for segment-language tests: table schemas shaped like the demo workspace.
import type { TableSchemas } from '../../../shared/segments/model';

export const demoSchemas: TableSchemas = {
  accounts: [
    { name: 'account_id', type: 'VARCHAR' }, { name: 'name', type: 'VARCHAR' }, { name: 'plan', type: 'VARCHAR' },
    { name: 'status', type: 'VARCHAR' }, { name: 'mrr', type: 'DOUBLE' }, { name: 'seats', type: 'INTEGER' },
    { name: 'active_seats', type: 'INTEGER' }, { name: 'nps', type: 'INTEGER' }, { name: 'health_score', type: 'INTEGER' },
    { name: 'cancellation_requested', type: 'BOOLEAN' }, { name: 'signup_date', type: 'DATE' },
    { name: 'last_active_at', type: 'TIMESTAMP' }, { name: 'renewal_date', type: 'DATE' },
    { name: 'contract_value', type: 'DECIMAL(18,2)' }, { name: 'MRR', type: 'BIGINT' },
    { name: 'tags', type: 'VARCHAR[]' }, { name: 'seen_at', type: 'TIMESTAMP WITH TIME ZONE' },
  ],
  tickets: [
    { name: 'ticket_id', type: 'VARCHAR' }, { name: 'account_id', type: 'VARCHAR' }, { name: 'created_at', type: 'TIMESTAMP' },
    { name: 'priority', type: 'VARCHAR' }, { name: 'billable', type: 'BOOLEAN' }, { name: 'minutes', type: 'INTEGER' },
  ],
  vip: [{ name: 'id', type: 'VARCHAR' }, { name: 'num', type: 'BIGINT' }],
};
