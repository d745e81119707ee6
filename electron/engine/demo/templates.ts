/**
 * Template segments and schemes of docs/README.md, SPEC §1, written against the demo tables (accounts, tickets,
 * usage_events). The demo workspace saves them through the segments API on first start, so they are
 * ordinary versioned definition files with recorded `fields`.
 */
export interface Template {
  kind: 'segment' | 'scheme';
  name: string;
  description: string;
  tags: string[];
  definition: Record<string, unknown>;
}

const entity = { table: 'accounts', key: 'account_id' };
const asOf = { kind: 'snapshot' };
const inactiveDays = { name: 'inactive_days', kind: 'daysSince', of: 'last_active_at' };
const events30d = {
  name: 'events_30d',
  kind: 'aggregate',
  from: 'usage_events',
  on: { entity: 'account_id', related: 'account_id' },
  fn: 'count',
  window: { column: 'occurred_at', n: 30, unit: 'day' },
};
const tickets90d = {
  name: 'tickets_90d',
  kind: 'aggregate',
  from: 'tickets',
  on: { entity: 'account_id', related: 'account_id' },
  fn: 'count',
  window: { column: 'created_at', n: 90, unit: 'day' },
};
const seatUse = { name: 'seat_use', kind: 'expr', sql: 'active_seats / nullif(seats, 0)' };

const activated = {
  all: [
    { field: 'billable_ticket_usage_pct', op: 'gte', value: 2 },
    { field: 'inactive_days', op: 'lte', value: 3 },
  ],
};
const atRisk = {
  all: [
    { field: 'status', op: 'neq', value: 'churned' },
    {
      any: [
        { field: 'health_score', op: 'lt', value: 40 },
        { field: 'events_30d', op: 'eq', value: 0 },
        { field: 'cancellation_requested', op: 'isTrue' },
        {
          all: [
            { field: 'renewal_date', op: 'inPeriod', period: 'thisQuarter' },
            { field: 'inactive_days', op: 'gt', value: 14 },
          ],
        },
      ],
    },
  ],
};

export const TEMPLATES: Template[] = [
  {
    kind: 'segment',
    name: 'Activated',
    tags: ['template', 'lifecycle'],
    description: 'Billable tickets used ≥ 2% of plan and at most 3 inactive days.',
    definition: { entity, asOf, metrics: [inactiveDays], where: activated },
  },
  {
    kind: 'segment',
    name: 'At risk of churn',
    tags: ['template', 'retention'],
    description:
      'Not churned, and low health, or no product activity in 30 days, or cancellation requested, or renewing this quarter with no engagement for two weeks.',
    definition: { entity, asOf, metrics: [inactiveDays, events30d], where: atRisk },
  },
  {
    kind: 'segment',
    name: 'Signed up, not fully onboarded',
    tags: ['template', 'onboarding'],
    description: 'Onboarding below the last step, signed up more than 14 days ago.',
    definition: {
      entity,
      asOf,
      where: {
        all: [
          { field: 'onboarding_step', op: 'lt', value: 5 },
          { field: 'signup_date', op: 'olderThan', n: 14, unit: 'day' },
        ],
      },
    },
  },
  {
    kind: 'segment',
    name: 'Low value / high maintenance',
    tags: ['template', 'value'],
    description: 'Bottom 10% by MRR and top 20% by tickets in the last 90 days.',
    definition: {
      entity,
      asOf,
      metrics: [tickets90d],
      where: {
        all: [
          { field: 'mrr', op: 'bottomPercent', value: 10 },
          { field: 'tickets_90d', op: 'topPercent', value: 20 },
        ],
      },
    },
  },
  {
    kind: 'segment',
    name: 'Advocates',
    tags: ['template', 'advocacy'],
    description: 'Broad feature usage (8 or more features) and NPS of 9 or 10.',
    definition: {
      entity,
      asOf,
      where: {
        all: [
          { field: 'features_used', op: 'gte', value: 8 },
          { field: 'nps', op: 'gte', value: 9 },
        ],
      },
    },
  },
  {
    kind: 'segment',
    name: 'Renewing this quarter',
    tags: ['template', 'renewals'],
    description: 'Renewal date in the current calendar quarter.',
    definition: { entity, asOf, where: { field: 'renewal_date', op: 'inPeriod', period: 'thisQuarter' } },
  },
  {
    kind: 'segment',
    name: 'Upsell candidates',
    tags: ['template', 'expansion'],
    description: 'Active seats at 90% or more of purchased seats, not churned.',
    definition: {
      entity,
      asOf,
      metrics: [seatUse],
      where: {
        all: [
          { field: 'seat_use', op: 'gte', value: 0.9 },
          { field: 'status', op: 'notIn', values: ['churned', 'cancel_requested'] },
        ],
      },
    },
  },
  {
    kind: 'scheme',
    name: 'Value tiers',
    tags: ['template', 'value'],
    description: 'High / medium / low by contract value and growth potential; first match wins.',
    definition: {
      entity,
      asOf,
      tiers: [
        {
          name: 'High',
          where: {
            any: [
              { field: 'contract_value', op: 'gte', value: 50000 },
              {
                all: [
                  { field: 'contract_value', op: 'gte', value: 20000 },
                  { field: 'seats', op: 'gte', value: 100 },
                ],
              },
            ],
          },
        },
        { name: 'Medium', where: { field: 'contract_value', op: 'gte', value: 3000 } },
      ],
      otherwise: 'Low',
    },
  },
  {
    kind: 'scheme',
    name: 'Lifecycle stages',
    tags: ['template', 'lifecycle'],
    description:
      'Trial → onboarding → activated → at risk → churned; first match wins, so churned and trial are decided first.',
    definition: {
      entity,
      asOf,
      metrics: [inactiveDays, events30d],
      tiers: [
        { name: 'Churned', where: { field: 'status', op: 'eq', value: 'churned' } },
        { name: 'Trial', where: { field: 'status', op: 'eq', value: 'trial' } },
        { name: 'At risk', where: atRisk },
        { name: 'Onboarding', where: { field: 'onboarding_step', op: 'lt', value: 5 } },
        { name: 'Activated', where: activated },
      ],
      otherwise: 'Active',
    },
  },
];
