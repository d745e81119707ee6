/**
 * Deterministic SaaS demo data, generated in DuckDB SQL (hash-based pseudo-random numbers, so 10M
 * rows take seconds and every run gives the same rows). Column names are a fixed seam
 * (templates and tests use them): see /tmp/interfaces.md "Demo data column names".
 *
 * Ids are zero-padded to a minimum width and grow beyond it (lpad alone would truncate and collide);
 * ticket and event ids are the account number and an ordinal (no row_number window over every row).
 * Accounts come out in id order without a sort (DuckDB keeps insertion order of the range scan);
 * tickets and events, made by unnesting a per-account range (a lateral join with `range()` ran out of
 * the 1 GB memory limit at 10M accounts: 131M events), are sorted only when `ordered` is asked for,
 * since a sort of tens of millions of wide rows does not fit the engine's memory limit.
 * `u(k)` is a uniform number in [0,1) from hash(account index, k). Account attributes that do not
 * change over time use salts < 100; time-dependent ones are computed relative to the snapshot's
 * as-of date (bound as a DATE parameter) and a phase (0 = the older snapshot, 1 = the newer) so the
 * two snapshots differ the way real monthly exports do (new signups, churn, activity).
 */

/** Sort the generated rows by account and ordinal (same row order every run). */
export interface OrderOption {
  ordered?: boolean;
}

/** u(k): uniform [0,1) for the current account `i` and salt k. */
const u = (k: number | string) => `((hash(i, ${k}) % 1000000) / 1000000.0)`;

const NAMES_A = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Wonka', 'Tyrell', 'Cyberdyne', 'Aperture', 'Gringotts', 'Oscorp', 'Pied Piper', 'Dunder', 'Monarch', 'Nakatomi', 'Zorg'];
const NAMES_B = ['Labs', 'Systems', 'Group', 'Analytics', 'Cloud', 'Works', 'Partners', 'Health', 'Logistics', 'Media', 'Foods', 'Capital'];
const COUNTRIES = ['US', 'US', 'US', 'US', 'GB', 'GB', 'DE', 'DE', 'FR', 'CA', 'AU', 'NL', 'SE', 'ES', 'IN', 'BR', 'JP', 'IE'];
const INDUSTRIES = ['Software', 'Retail', 'Healthcare', 'Finance', 'Education', 'Manufacturing', 'Media', 'Logistics', 'Nonprofit', 'Real Estate'];
const FEATURES = ['dashboards', 'reports', 'alerts', 'api', 'exports', 'integrations', 'automations', 'sso', 'audit_log', 'segments', 'forecasts', 'mobile'];

const list = (xs: readonly string[]) => `[${xs.map((x) => `'${x.replaceAll("'", "''")}'`).join(', ')}]`;
const pick = (xs: readonly string[], k: number) => `${list(xs)}[1 + CAST(floor(${u(k)} * ${xs.length}) AS INTEGER)]`;

/**
 * SELECT of the accounts table. Parameters: $1 rows (BIGINT), $2 as-of (DATE), $3 phase (0|1).
 * Accounts that signed up after the as-of date are not in that snapshot.
 */
export function accountsSelect(): string {
  return `
WITH base AS (
  SELECT i,
    DATE '2022-01-01' + CAST(floor(pow(${u(1)}, 0.75) * 1765) AS INTEGER) AS signup_date,
    CASE WHEN ${u(2)} < 0.28 THEN 'free' WHEN ${u(2)} < 0.62 THEN 'starter' WHEN ${u(2)} < 0.9 THEN 'pro' ELSE 'enterprise' END AS plan,
    ${u(3)} AS u_seats, ${u(4)} AS u_use, ${u(5)} AS u_price, ${u(6)} AS u_churn, ${u(7)} AS u_cancel,
    ${u(8)} AS u_health, ${u(9)} AS u_onb, ${u(10)} AS u_feat, ${u(11)} AS u_nps_gap, ${u(12)} AS u_nps,
    ${u(13)} AS u_tickets, ${u(14)} AS u_due, ${u('100 + $3')} AS u_active, ${u('200 + $3')} AS u_secs, ${u(15)} AS u_growth
  FROM range(1, $1 + 1) AS r(i)
), shaped AS (
  SELECT *,
    CASE plan WHEN 'free' THEN 1 + CAST(floor(u_seats * 3) AS INTEGER)
              WHEN 'starter' THEN 3 + CAST(floor(u_seats * 8) AS INTEGER)
              WHEN 'pro' THEN 10 + CAST(floor(u_seats * 41) AS INTEGER)
              ELSE 50 + CAST(floor(pow(u_seats, 2) * 451) AS INTEGER) END AS seats,
    date_diff('day', signup_date, $2::DATE) AS age_days,
    CASE WHEN u_churn < 0.05 + 0.03 * $3 AND date_diff('day', signup_date, $2::DATE) > 60 THEN 'churned'
         WHEN u_cancel < 0.035 + 0.02 * $3 THEN 'cancel_requested'
         WHEN date_diff('day', signup_date, $2::DATE) <= 30 AND ${u(16)} < 0.7 THEN 'trial'
         WHEN u_due < 0.04 THEN 'past_due'
         ELSE 'active' END AS status
  FROM base
  WHERE signup_date <= $2::DATE
)
SELECT
  'A' || lpad(CAST(i AS VARCHAR), CAST(greatest(6, length(CAST(i AS VARCHAR))) AS INTEGER), '0') AS account_id,
  ${pick(NAMES_A, 20)} || ' ' || ${pick(NAMES_B, 21)} AS name,
  plan,
  ${pick(['organic', 'organic', 'paid_search', 'paid_search', 'partner', 'outbound', 'referral'], 22)} AS channel,
  status,
  CAST(round(CASE plan WHEN 'free' THEN 0 WHEN 'starter' THEN 15 WHEN 'pro' THEN 35 ELSE 55 END
        * seats * (0.8 + 0.4 * u_price) * (1 + 0.06 * $3 * u_growth), 2) AS DOUBLE) AS mrr,
  CAST(seats AS INTEGER) AS seats,
  CAST(least(seats, round(seats * CASE WHEN status = 'churned' THEN 0.1 * u_use ELSE 0.25 + 0.8 * u_use END)) AS INTEGER) AS active_seats,
  CAST(round(100 * pow(u_use * 0.9 + 0.1 * u_active, 3), 2) AS DOUBLE) AS billable_ticket_usage_pct,
  CASE WHEN u_nps_gap < 0.4 THEN NULL ELSE CAST(least(10, floor(11 * pow(u_nps, 0.6))) AS INTEGER) END AS nps,
  CAST(least(100, greatest(0, round(CASE status WHEN 'churned' THEN 5 + 30 * u_health WHEN 'cancel_requested' THEN 15 + 35 * u_health
        WHEN 'past_due' THEN 25 + 40 * u_health ELSE 35 + 62 * u_health END - 4 * $3 * (u_active - 0.5)))) AS INTEGER) AS health_score,
  CAST(CASE WHEN age_days > 90 AND u_onb < 0.7 THEN 5 ELSE 1 + floor(u_onb * least(5, 1 + age_days / 20.0)) END AS INTEGER) AS onboarding_step,
  CAST(floor(u_feat * CASE plan WHEN 'free' THEN 4 WHEN 'starter' THEN 8 WHEN 'pro' THEN 11 ELSE 13 END) AS INTEGER) AS features_used,
  status = 'cancel_requested' OR (status = 'churned' AND u_cancel < 0.5) AS cancellation_requested,
  signup_date,
  greatest(CAST(signup_date AS TIMESTAMP),
    CAST($2::DATE AS TIMESTAMP)
      - to_days(CAST(floor(-ln(1 - u_active) * CASE status WHEN 'churned' THEN 60 WHEN 'active' THEN 9 ELSE 18 END) AS INTEGER))
      - to_seconds(CAST(floor(u_secs * 86400) AS BIGINT))) AS last_active_at,
  CASE WHEN make_date(year($2::DATE), month(signup_date), least(day(signup_date), 28)) >= $2::DATE
       THEN make_date(year($2::DATE), month(signup_date), least(day(signup_date), 28))
       ELSE make_date(year($2::DATE) + 1, month(signup_date), least(day(signup_date), 28)) END AS renewal_date,
  CAST(round(CASE plan WHEN 'free' THEN 0 WHEN 'starter' THEN 15 WHEN 'pro' THEN 35 ELSE 55 END
        * seats * (0.8 + 0.4 * u_price) * 12 * (1 + 0.06 * $3 * u_growth), 2) AS DOUBLE) AS contract_value,
  ${pick(COUNTRIES, 23)} AS country,
  ${pick(INDUSTRIES, 24)} AS industry
FROM shaped`;
}

/** SELECT of tickets for the accounts of `accounts` (a relation). $1 as-of (DATE). */
export function ticketsSelect(accounts: string, opts: OrderOption = {}): string {
  return `
WITH a AS (
  SELECT CAST(substr(account_id, 2) AS BIGINT) AS i, account_id, plan, status FROM ${accounts}
), t AS (
  SELECT a.i, a.account_id, unnest(range(0, CAST(floor(pow(${u(30)}, 2) * CASE a.plan WHEN 'free' THEN 3 WHEN 'starter' THEN 6 WHEN 'pro' THEN 10 ELSE 18 END) AS INTEGER))) AS k
  FROM a
)
SELECT
  'T' || substr(account_id, 2) || '-' || lpad(CAST(k AS VARCHAR), 2, '0') AS ticket_id,
  account_id,
  CAST($1::DATE AS TIMESTAMP) - to_seconds(CAST(floor(((hash(i, k, 31) % 1000000) / 1000000.0) * 180 * 86400) AS BIGINT)) AS created_at,
  ${list(['low', 'normal', 'normal', 'normal', 'high', 'urgent'])}[1 + CAST(hash(i, k, 32) % 6 AS INTEGER)] AS priority,
  ${list(['open', 'pending', 'solved', 'solved', 'closed', 'closed'])}[1 + CAST(hash(i, k, 33) % 6 AS INTEGER)] AS status,
  hash(i, k, 34) % 10 < 6 AS billable
FROM t${opts.ordered ? '\nORDER BY i, k' : ''}`;
}

/** SELECT of usage events for the accounts of `accounts`. $1 as-of (DATE): no event after it. */
export function usageEventsSelect(accounts: string, opts: OrderOption = {}): string {
  return `
WITH a AS (
  SELECT CAST(substr(account_id, 2) AS BIGINT) AS i, account_id, features_used, status, last_active_at FROM ${accounts}
), e AS (
  SELECT a.i, a.account_id, a.features_used, a.last_active_at, unnest(range(0, CAST(floor((0.3 + 0.7 * ${u(40)}) * CASE a.status WHEN 'churned' THEN 3 ELSE 8 + a.features_used * 4 END) AS INTEGER))) AS k
  FROM a
)
SELECT
  'E' || substr(account_id, 2) || '-' || lpad(CAST(k AS VARCHAR), 3, '0') AS event_id,
  account_id,
  -- Events happen in the 90 days up to the account's last activity (k = 0 at that instant), so usage
  -- agrees with last_active_at: an account inactive for weeks has no recent events.
  CASE WHEN k = 0 THEN least(last_active_at, CAST($1::DATE AS TIMESTAMP))
       ELSE last_active_at - to_seconds(CAST(floor(((hash(i, k, 41) % 1000000) / 1000000.0) * 90 * 86400) AS BIGINT)) END AS occurred_at,
  ${list(FEATURES)}[1 + CAST(hash(i, k, 42) % ${FEATURES.length} AS INTEGER)] AS feature,
  CAST(1 + hash(i, k, 43) % 50 AS INTEGER) AS quantity
FROM e${opts.ordered ? '\nORDER BY i, k' : ''}`;
}
