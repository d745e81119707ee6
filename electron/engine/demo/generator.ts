/**
 * Deterministic SaaS demo data, generated in DuckDB SQL (hash-based pseudo-random numbers, so 10M
 * rows take seconds and every run gives the same rows). Column names are a fixed seam
 * (templates and tests use them): see /tmp/interfaces.md "Demo data column names".
 *
 * History: every value is a function of (account, as-of date), so a snapshot at any as-of is one
 * SELECT and consecutive monthly snapshots drift the way real exports do. What is monotone in reality
 * is monotone here, because it is decided by per-account event dates compared with the as-of, never
 * by a fresh draw per snapshot:
 *  - an account exists from its signup date on;
 *  - churn is absorbing (a churn date; a cancellation request a few weeks before it for half the
 *    churners; less activity and lower health in the three months before it, so At risk foretells
 *    churn); a churned account keeps the plan, seats, onboarding and features it had on its churn
 *    date, with MRR and contract value 0 and no activity after it;
 *  - about 40% of the accounts change plan once, at a plan-change date (upgrades from the plan below
 *    three times as often as downgrades from the plan above); seats are set again at each yearly
 *    renewal (a per-account trend and the renewal's own change), so MRR steps at renewals and with
 *    plan changes;
 *  - onboarding steps and features ramp up with age (onboarding never goes back);
 *  - last_active_at never goes back: activity is simulated per calendar month from HISTORY_START on
 *    (the last activity within each month, or none, drawn per account and month with a per-account
 *    engagement), and last_active_at is the latest of them up to the as-of (activity before
 *    HISTORY_START is one draw per account).
 * Transient states are drawn per account and month: past due, a cancellation request that is talked
 * round within the month, the month-to-month noise of health, usage and active seats.
 *
 * Tickets and usage events are logs: each ticket and event belongs to one account and calendar
 * month, with the same id, time and attributes in every snapshot that covers that month (a ticket's
 * status moves on with its age: open → pending → solved → closed). Events are the activity above
 * (a month's last activity is its last event), so no event is after the account's last_active_at.
 *
 * The as-of is a constant of the generated SQL (checked to be a date), not a parameter: the month
 * boundaries and per-month salts then are numeric literals computed here, the history chain has
 * exactly the months from HISTORY_START to the as-of, and DuckDB neither re-derives the calendar per
 * row nor spends its optimizer on a 35 kB expression (as-of as a parameter: 170 ms of planning per
 * snapshot, 3× the CPU per row).
 *
 * Ids are zero-padded to a minimum width and grow beyond it (lpad alone would truncate and collide);
 * ticket and event ids are the account number, the month and an ordinal (no row_number window over
 * every row). Rows come out in id order without a sort: DuckDB keeps the insertion order of the range
 * scan (accounts) and of the accounts table through the unnests (tickets and events, made by
 * unnesting per-account lists: a lateral join with `range()` ran out of the 1 GB memory limit at 10M
 * accounts, and so would a sort of that many rows).
 * `u(k)` is a uniform number in [0,1) from hash(account index, k) (per-account constants, salts < 100);
 * `uw(k, n)` from hash(account index, k, n) for a month number or a renewal n (salts ≥ 100).
 */

/** First month of simulated activity (see the header). */
export const HISTORY_START = '2026-03-01';

/** u(k): uniform [0,1) for the current account `i` and salt k. */
const u = (k: number | string) => `((hash(i, ${k}) % 1000000) / 1000000.0)`;
/** uw(k, n): uniform [0,1) for the current account `i`, salt k and month number n. */
const uw = (k: number, n: string | number) => `((hash(i, ${k}, ${n}) % 1000000) / 1000000.0)`;
/** An exponential draw with the given mean (in the unit of the mean) from a uniform. */
const expo = (uniform: string, mean: string) => `(-ln(1 - ${uniform}) * ${mean})`;
/** A TIMESTAMP from epoch seconds. */
const timestampOf = (s: string) => `make_timestamp((${s}) * 1000000)`;

/** One as-of in the generator's units: month numbers (year · 12 + month) and epoch seconds. */
interface Calendar {
  date: string;
  /** Epoch seconds of the as-of's midnight. */
  seconds: number;
  /** Month number of the as-of. */
  month: number;
}

const monthStart = (n: number) => Date.UTC(Math.floor((n - 1) / 12), (n - 1) % 12, 1) / 1000;
const monthNumber = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
const HISTORY_START_MONTH = monthNumber(HISTORY_START);

function calendar(asOf: string): Calendar {
  const ms = Date.parse(`${asOf}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== asOf) {
    throw new Error(`The demo generator needs an as-of date as YYYY-MM-DD, got '${asOf}'.`);
  }
  return { date: asOf, seconds: ms / 1000, month: monthNumber(asOf) };
}

interface Month {
  /** Month number. */
  n: number;
  /** Epoch seconds of its first day and of the next month's; the month covers (first, next]. */
  first: number;
  next: number;
  /** Where it stops for this as-of: `next`, or the as-of within its own month. */
  cap: number;
}

/**
 * The calendar months the as-of can see, newest first, down to month number `lowest`: the as-of's own
 * month when the as-of is past its first midnight, then every month before it.
 */
function monthsBefore(cal: Calendar, lowest: number): Month[] {
  const out: Month[] = [];
  for (let n = cal.month; n >= lowest; n--) {
    const first = monthStart(n);
    if (first >= cal.seconds) continue;
    out.push({ n, first, next: monthStart(n + 1), cap: Math.min(monthStart(n + 1), cal.seconds) });
  }
  return out;
}

const NAMES_A = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Wonka',
  'Tyrell',
  'Cyberdyne',
  'Aperture',
  'Gringotts',
  'Oscorp',
  'Pied Piper',
  'Dunder',
  'Monarch',
  'Nakatomi',
  'Zorg',
];
const NAMES_B = [
  'Labs',
  'Systems',
  'Group',
  'Analytics',
  'Cloud',
  'Works',
  'Partners',
  'Health',
  'Logistics',
  'Media',
  'Foods',
  'Capital',
];
const COUNTRIES = [
  'US',
  'US',
  'US',
  'US',
  'GB',
  'GB',
  'DE',
  'DE',
  'FR',
  'CA',
  'AU',
  'NL',
  'SE',
  'ES',
  'IN',
  'BR',
  'JP',
  'IE',
];
const INDUSTRIES = [
  'Software',
  'Retail',
  'Healthcare',
  'Finance',
  'Education',
  'Manufacturing',
  'Media',
  'Logistics',
  'Nonprofit',
  'Real Estate',
];
const FEATURES = [
  'dashboards',
  'reports',
  'alerts',
  'api',
  'exports',
  'integrations',
  'automations',
  'sso',
  'audit_log',
  'segments',
  'forecasts',
  'mobile',
];
const PLANS = ['free', 'starter', 'pro', 'enterprise'];

const list = (xs: readonly string[]) => `[${xs.map((x) => `'${x.replaceAll("'", "''")}'`).join(', ')}]`;
const pick = (xs: readonly string[], k: number) => `${list(xs)}[1 + CAST(floor(${u(k)} * ${xs.length}) AS INTEGER)]`;
/** A value per plan level (0 free … 3 enterprise). */
const byLevel = (level: string, values: readonly number[]) => `[${values.join(', ')}][${level} + 1]`;

/**
 * Per-account constants shared by accounts, tickets and events (over a column `i`): the churn and
 * cancellation-request dates (NULL for the 70% that never churn; churners churn at least two months
 * after signup, most of them years later: about 0.5% of the accounts a month), the engagement (mean
 * days between an account's activities: a fifth are daily users at 1–2 days, the others 8–22 days,
 * so Activated keeps more than half of its members from month to month) and the final plan level.
 * Instants are epoch seconds (`*_s`, BIGINT): integer arithmetic per account and month is cheap.
 */
const SIGNUP = `DATE '2022-01-01' + CAST(floor(pow(${u(1)}, 0.75) * 1765) AS INTEGER)`;
const CHURN_DATE = `CASE WHEN ${u(6)} < 0.3 THEN signup_date + 61 + CAST(floor(${expo(u(50), '1200')}) AS INTEGER) END`;
const REQUEST_DATE = `CASE WHEN ${u(7)} < 0.5 THEN churn_date - (7 + CAST(floor(${u(51)} * 40) AS INTEGER)) END`;
const MEAN_GAP = `CASE WHEN ${u(52)} < 0.2 THEN 1 + 4 * ${u(52)} ELSE 8 + 18 * (${u(52)} - 0.2) END`;
const FINAL_LEVEL = `CASE WHEN ${u(2)} < 0.28 THEN 0 WHEN ${u(2)} < 0.62 THEN 1 WHEN ${u(2)} < 0.9 THEN 2 ELSE 3 END`;
const seconds = (d: string) => `CAST(epoch(${d}) AS BIGINT)`;
/** Days before its churn date over which a churning account declines (less activity, lower health). */
const DECLINE_DAYS = 90;

/**
 * `SELECT *, churn_date, request_date, mean_gap, final_level, signup_s, churn_s, request_s` over `from` (with i,
 * signup_date).
 */
function facts(from: string, extra = ''): string {
  return `
  SELECT *, ${seconds('signup_date')} AS signup_s, ${seconds('churn_date')} AS churn_s, ${seconds('request_date')} AS request_s FROM (
    SELECT *, ${REQUEST_DATE} AS request_date FROM (
      SELECT *, ${CHURN_DATE} AS churn_date, ${MEAN_GAP} AS mean_gap, ${FINAL_LEVEL} AS final_level${extra} FROM ${from}
    )
  )`;
}

/**
 * The account's last activity in a month (SQL for the fields of a Month) as [condition, instant in
 * epoch seconds]: the month's end minus a gap drawn per account and month; active when that lands in
 * (first, cap], not before signup and not after churn. An account is half as active in the months
 * before its churn and after its cancellation request (so inactivity foretells churn), and a third as
 * active in a quiet quarter (12% of account-quarters: inactivity lasts, as it does in real accounts).
 * Columns used: i, signup_s, churn_s, request_s, mean_gap.
 */
function monthActivity(m: { n: string; first: string; next: string; cap: string }): [string, string] {
  const mean = `(mean_gap * CASE WHEN request_s <= ${m.first} THEN 2 ELSE 1 END * CASE WHEN churn_s - ${DECLINE_DAYS * 86400} <= ${m.first} THEN 2 ELSE 1 END
    * CASE WHEN ${uw(170, `${m.n} // 3`)} < 0.12 THEN 3 ELSE 1 END)`;
  const instant = `(${m.next} - CAST(floor(${expo(uw(101, m.n), mean)} * 86400) AS BIGINT))`;
  return [`${instant} BETWEEN greatest(${m.first} + 1, signup_s) AND least(${m.cap}, churn_s)`, instant];
}

/**
 * last_active_at: the latest monthly activity (a first-match CASE from the newest month back, so a
 * month is evaluated only for the rows still without activity: most rows cost one), else the activity
 * before HISTORY_START (one draw back from the history start, the churn date or the as-of, whichever
 * is first); never before signup.
 */
function lastActive(cal: Calendar): string {
  const months = monthsBefore(cal, HISTORY_START_MONTH).map((m) =>
    monthActivity({ n: String(m.n), first: String(m.first), next: String(m.next), cap: String(m.cap) }),
  );
  const before = `least(${Math.min(monthStart(HISTORY_START_MONTH), cal.seconds)}, churn_s) - CAST(floor(${expo(u(53), 'mean_gap')} * 86400) AS BIGINT)`;
  const chain = months.length
    ? `CASE ${months.map(([when, then]) => `WHEN ${when} THEN ${then}`).join('\n    ')}\n    ELSE ${before} END`
    : before;
  return timestampOf(`greatest(signup_s, ${chain})`);
}

/**
 * SELECT of the accounts table as of `asOf` (YYYY-MM-DD). Parameter: $1 rows (BIGINT). Accounts that
 * signed up after the as-of date are not in that snapshot; as of 2026-11-01 all $1 are (signups run
 * to 2026-10-31).
 */
export function accountsSelect(asOf: string): string {
  const cal = calendar(asOf);
  const day = `DATE '${cal.date}'`;
  // The date a churned account's attributes stopped at (its churn date), else the as-of.
  const lived = `least(${day}, coalesce(churn_date, ${day}))`;
  return `
WITH f AS (${facts(
    `(SELECT * FROM (SELECT i, ${SIGNUP} AS signup_date FROM range(1, $1 + 1) AS r(i)) WHERE signup_date <= ${day})`,
    `,
    ${u(54)} AS u_change, signup_date + 30 + CAST(floor(${expo(u(55), '700')}) AS INTEGER) AS change_date`,
  )}
), lived AS (
  SELECT *,
    date_diff('day', signup_date, ${day}) AS age_days,
    date_diff('day', signup_date, ${lived}) AS live_days,
    CASE WHEN change_date <= ${lived} THEN final_level
         WHEN u_change < 0.4 AND final_level > 0 THEN final_level - 1
         WHEN u_change < 0.52 AND final_level < 3 THEN final_level + 1
         ELSE final_level END AS level,
    CASE WHEN churn_date <= ${day} THEN 'churned'
         WHEN request_date <= ${day} THEN 'cancel_requested'
         WHEN ${uw(110, cal.month)} < 0.03 THEN 'cancel_requested'
         WHEN date_diff('day', signup_date, ${day}) <= 30 AND ${u(16)} < 0.7 THEN 'trial'
         WHEN ${uw(111, cal.month)} < 0.04 THEN 'past_due'
         ELSE 'active' END AS status,
    ${u(3)} AS u_seats, ${u(4)} AS u_use, ${u(5)} AS u_price, ${u(8)} AS u_health, ${u(9)} AS u_onb, ${u(10)} AS u_feat, ${u(15)} AS u_growth
  FROM f
), shaped AS (
  -- Seats: the plan's level, set again at each yearly renewal: a per-account trend (−10% to +25% a
  -- year, centred on 1.5 renewals) and the renewal's own ±15%, within ±50%.
  SELECT *,
    greatest(1, round(exp(least(0.5, greatest(-0.5, (-0.1 + 0.35 * u_growth) * (live_days // 365 - 1.5) + 0.3 * (${uw(160, 'live_days // 365')} - 0.5))))
      * CASE level WHEN 0 THEN 1 + floor(u_seats * 3) WHEN 1 THEN 3 + floor(u_seats * 8)
                   WHEN 2 THEN 10 + floor(u_seats * 41) ELSE 50 + floor(pow(u_seats, 2) * 451) END)) AS seats_n,
    CASE WHEN status = 'churned' THEN 0 ELSE ${byLevel('level', [0, 15, 35, 55])} * (0.8 + 0.4 * u_price) END AS seat_price
  FROM lived
)
SELECT
  'A' || lpad(CAST(i AS VARCHAR), CAST(greatest(6, length(CAST(i AS VARCHAR))) AS INTEGER), '0') AS account_id,
  ${pick(NAMES_A, 20)} || ' ' || ${pick(NAMES_B, 21)} AS name,
  ${list(PLANS)}[level + 1] AS plan,
  ${pick(['organic', 'organic', 'paid_search', 'paid_search', 'partner', 'outbound', 'referral'], 22)} AS channel,
  status,
  CAST(round(seat_price * seats_n, 2) AS DOUBLE) AS mrr,
  CAST(seats_n AS INTEGER) AS seats,
  CAST(least(seats_n, round(seats_n * CASE WHEN status = 'churned' THEN 0.1 * u_use ELSE 0.25 + 0.75 * u_use + 0.1 * ${uw(113, cal.month)} END)) AS INTEGER) AS active_seats,
  CAST(round(100 * pow(u_use * 0.9 + 0.1 * ${uw(102, cal.month)}, 3), 2) AS DOUBLE) AS billable_ticket_usage_pct,
  -- NPS is asked after the first month.
  CASE WHEN ${u(11)} < 0.4 OR age_days < 30 THEN NULL ELSE CAST(least(10, floor(11 * pow(${u(12)}, 0.6))) AS INTEGER) END AS nps,
  CAST(least(100, greatest(0, round(CASE status WHEN 'churned' THEN 5 + 30 * u_health WHEN 'cancel_requested' THEN 15 + 35 * u_health
        WHEN 'past_due' THEN 25 + 40 * u_health ELSE 35 + 62 * u_health END
        - CASE WHEN status <> 'churned' AND churn_date - ${DECLINE_DAYS} <= ${day} THEN 15 ELSE 0 END + 8 * (${uw(112, cal.month)} - 0.5)))) AS INTEGER) AS health_score,
  -- Non-decreasing in live_days for every u_onb (the cap 1 + days/20 only grows; the jump is to 5).
  CAST(CASE WHEN live_days > 90 AND u_onb < 0.7 THEN 5 ELSE 1 + floor(u_onb * least(5, 1 + live_days / 20.0)) END AS INTEGER) AS onboarding_step,
  CAST(floor(u_feat * ${byLevel('level', [4, 8, 11, 13])} * least(1, 0.5 + live_days / 240.0)) AS INTEGER) AS features_used,
  status = 'cancel_requested' OR (status = 'churned' AND request_date IS NOT NULL) AS cancellation_requested,
  signup_date,
  ${lastActive(cal)} AS last_active_at,
  CASE WHEN make_date(${cal.date.slice(0, 4)}, month(signup_date), least(day(signup_date), 28)) >= ${day}
       THEN make_date(${cal.date.slice(0, 4)}, month(signup_date), least(day(signup_date), 28))
       ELSE make_date(${Number(cal.date.slice(0, 4)) + 1}, month(signup_date), least(day(signup_date), 28)) END AS renewal_date,
  CAST(round(seat_price * seats_n * 12, 2) AS DOUBLE) AS contract_value,
  ${pick(COUNTRIES, 23)} AS country,
  ${pick(INDUSTRIES, 24)} AS industry
FROM shaped`;
}

/** The accounts of a snapshot relation as `i` with the per-account facts. */
const accountFacts = (accounts: string) =>
  facts(`(SELECT CAST(substr(account_id, 2) AS BIGINT) AS i, account_id, signup_date FROM ${accounts})`);

/** Months as a list literal of structs, oldest first (the row order of the unnest); `ym` for ids. */
const monthList = (months: Month[]) =>
  !months.length
    ? 'CAST([] AS STRUCT(n INTEGER, ym VARCHAR, first BIGINT, next BIGINT, cap BIGINT)[])'
    : `[${[...months]
        .reverse()
        .map(
          (m) =>
            `{'n': ${m.n}, 'ym': '${Math.floor((m.n - 1) / 12) * 100 + ((m.n - 1) % 12) + 1}', 'first': ${m.first}, 'next': ${m.next}, 'cap': ${m.cap}}`,
        )
        .join(', ')}]`;
const MONTH_FIELDS = { n: 'w.n', first: 'w.first', next: 'w.next', cap: 'w.cap' };

/**
 * SELECT of tickets as of `asOf` for the accounts of `accounts` (a relation): the tickets of the six
 * calendar months before it (and of its own month up to it), made month by month so ids, times,
 * priority and billable are the same in every snapshot; none before signup or after churn. Support
 * volume per month by the account's final plan and a per-account intensity (a few accounts raise
 * most tickets); a ticket's status moves on with its age.
 */
export function ticketsSelect(accounts: string, asOf: string): string {
  const cal = calendar(asOf);
  // Its times spread over the whole month (then cut at the as-of), so they do not depend on the as-of.
  return `
WITH a AS (${accountFacts(accounts)}
), m AS (
  SELECT *, greatest(w.first, signup_s) AS lo, least(w.next, churn_s) AS hi, least(w.cap, churn_s) AS seen,
    ${byLevel('final_level', [0.17, 0.33, 0.55, 1.0])} * 3 * pow(${u(30)}, 2) AS rate
  FROM (SELECT *, unnest(${monthList(monthsBefore(cal, cal.month - 6))}) AS w FROM a)
), t AS (
  -- The id's account and month part once per account and month, not per ticket.
  SELECT *, 'T' || substr(account_id, 2) || '-' || w.ym || '-' AS id_prefix,
    unnest(range(0, CASE WHEN seen > lo THEN CAST(floor(rate * 2 * ${uw(131, 'w.n')} + ${uw(132, 'w.n')}) AS INTEGER) ELSE 0 END)) AS k
  FROM m
), c AS (
  SELECT *, lo + CAST(floor(((hash(i, w.n, k, 31) % 1000000) / 1000000.0) * (hi - lo)) AS BIGINT) AS created_s, ${cal.seconds} - created_s AS age_s
  FROM t
)
SELECT
  id_prefix || lpad(CAST(k AS VARCHAR), 2, '0') AS ticket_id,
  account_id,
  ${timestampOf('created_s')} AS created_at,
  ${list(['low', 'normal', 'normal', 'normal', 'high', 'urgent'])}[1 + CAST(hash(i, w.n, k, 32) % 6 AS INTEGER)] AS priority,
  -- Hours from creation to pending, then to solved, then to closed.
  CASE WHEN age_s < 3600 * (1 + hash(i, w.n, k, 35) % 72) THEN 'open'
       WHEN age_s < 3600 * (25 + hash(i, w.n, k, 35) % 72 + hash(i, w.n, k, 36) % 480) THEN 'pending'
       WHEN age_s < 3600 * (97 + hash(i, w.n, k, 35) % 72 + hash(i, w.n, k, 36) % 480 + hash(i, w.n, k, 37) % 240) THEN 'solved'
       ELSE 'closed' END AS status,
  hash(i, w.n, k, 34) % 10 < 6 AS billable
FROM c
WHERE age_s >= 0`;
}

/**
 * SELECT of usage events as of `asOf` for the accounts of `accounts`: the events of the three
 * calendar months before it (and of its own month up to it), month by month: in a month the account
 * was active (monthActivity), its last activity is event 0 and the others fall between the month's
 * start (or signup) and it. So no event is after the account's last_active_at, and the same events
 * appear in every snapshot that covers their month. Volume by feature breadth (at the final plan).
 */
export function usageEventsSelect(accounts: string, asOf: string): string {
  const cal = calendar(asOf);
  const months = monthsBefore(cal, Math.max(HISTORY_START_MONTH, cal.month - 3));
  const [active, instant] = monthActivity(MONTH_FIELDS);
  const perMonth = `(0.3 + 0.7 * ${u(40)}) * (8 + 4 * floor(${u(10)} * ${byLevel('final_level', [4, 8, 11, 13])})) / 3`;
  return `
WITH a AS (${accountFacts(accounts)}
), m AS (
  SELECT *, CASE WHEN ${active} THEN ${instant} END AS last_s, greatest(w.first, signup_s) AS lo
  FROM (SELECT *, unnest(${monthList(months)}) AS w FROM a)
), e AS (
  SELECT *, 'E' || substr(account_id, 2) || '-' || w.ym || '-' AS id_prefix,
    unnest(range(0, 1 + CAST(floor(greatest(0, ${perMonth} - 1) * 2 * ${uw(141, 'w.n')} + ${uw(142, 'w.n')}) AS INTEGER))) AS k
  FROM m WHERE last_s IS NOT NULL
)
SELECT
  id_prefix || lpad(CAST(k AS VARCHAR), 3, '0') AS event_id,
  account_id,
  ${timestampOf(`last_s - CASE WHEN k = 0 THEN 0 ELSE CAST(floor(((hash(i, w.n, k, 41) % 1000000) / 1000000.0) * (last_s - lo)) AS BIGINT) END`)} AS occurred_at,
  ${list(FEATURES)}[1 + CAST(hash(i, w.n, k, 42) % ${FEATURES.length} AS INTEGER)] AS feature,
  CAST(1 + hash(i, w.n, k, 43) % 50 AS INTEGER) AS quantity
FROM e`;
}
