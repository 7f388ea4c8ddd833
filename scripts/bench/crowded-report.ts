// The crowded-database scenario's part of the report: its figures, its targets (issue 11) and,
// once, the same small scenario on FerretDB's SQLite backend beside PostgreSQL.
import type { CrowdedResult } from './crowded.js';
import type { PollingResult } from './polling.js';

export type Verdict = [target: string, measured: string, met: boolean | undefined];

const n0 = (v: number) => Math.round(v).toLocaleString('en-GB');
const ms = (p: PollingResult) => `p99 ${p.p99Ms} ms (p50 ${p.p50Ms} ms, ${n0(p.requests)} answered, ${p.errors} errors)`;
const secs = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)} s` : 'no end within the time limit');
const rate = (v: number) => (v > 0 ? `${n0(v)} rows/s` : 'did not end');

/** The crowd as one phrase: "1,000,000 users in 200 accounts of 5,000 plus one of 300,000". */
export function crowdPhrase(r: CrowdedResult): string {
  const c = r.crowd;
  return `${n0(c.users)} users: ${c.accounts} accounts of ${n0(c.perAccount)} plus one of ${n0(c.big)}`;
}

/** Each figure of the scenario as [what, measured]: one column per backend in the comparison table. */
export function crowdedFigures(r: CrowdedResult, rateHz = 50): [string, string][] {
  return [
    ['crowd loaded with insertMany', `${r.crowd.loadSeconds.toFixed(1)} s (${n0(r.crowd.rowsPerSecond)} rows/s)`],
    ['10-row import into a small account, upload to completed', secs(r.tenRowsSmallSeconds)],
    [`10-row import into the ${n0(r.crowd.big)}-user account`, secs(r.tenRowsBigSeconds)],
    [`small account: GET /api/v1/users?limit=50 at ${rateHz} req/s`, ms(r.smallList)],
    [`small account: GET /api/v1/users?email= at ${rateHz} req/s`, ms(r.smallEmail)],
    [`${n0(r.crowd.big)}-user account: GET /api/v1/users?email= at ${rateHz} req/s`, ms(r.bigEmail)],
    [`${n0(r.crowd.big)}-user account: GET /api/v1/users?limit=50 (first page, one request)`, secs(r.bigListSeconds)],
    ['small account ?email= requests meanwhile', ms(r.smallDuringBigList)],
    [`${n0(r.fileRows)}-row import into a fresh account, empty database (upload to completed)`, rate(r.emptyRowsPerSecond)],
    [`the same on the crowded database`, `${rate(r.crowdedRowsPerSecond)} (${r.emptyRowsPerSecond > 0 ? `${Math.round((r.crowdedRowsPerSecond / r.emptyRowsPerSecond) * 100)}%` : '-'} of empty)`],
    [`the same file again, existing=update, into the account that holds it`, rate(r.updateRowsPerSecond)],
    ['status polling at 200 req/s during that re-import', ms(r.polling)],
  ];
}

/** The issue's targets for the crowded database; the paged list of the big account is measured only. */
export function crowdedTargets(r: CrowdedResult): Verdict[] {
  const p99Ok = (p: PollingResult, limit: number) => p.p99Ms <= limit && p.errors === 0;
  const ratio = r.emptyRowsPerSecond > 0 ? r.crowdedRowsPerSecond / r.emptyRowsPerSecond : 0;
  return [
    ['crowded: 10-row import into a small account <= 1.5 s (upload to completed)', secs(r.tenRowsSmallSeconds), r.tenRowsSmallSeconds <= 1.5],
    [`crowded: 10-row import into the ${n0(r.crowd.big)}-user account <= 2 s`, secs(r.tenRowsBigSeconds), r.tenRowsBigSeconds <= 2],
    ['crowded: small account ?limit=50 p99 <= 50 ms, no errors (50 req/s, 20 s)', ms(r.smallList), p99Ok(r.smallList, 50)],
    ['crowded: small account ?email= p99 <= 50 ms, no errors', ms(r.smallEmail), p99Ok(r.smallEmail, 50)],
    [`crowded: ${n0(r.crowd.big)}-user account ?email= p99 <= 50 ms, no errors`, ms(r.bigEmail), p99Ok(r.bigEmail, 50)],
    [`crowded: ${n0(r.crowd.big)}-user account's paged list (measured; FerretDB v1 cannot push sort/limit down)`, secs(r.bigListSeconds), undefined],
    ['crowded: other requests while that list runs: p99 <= 50 ms, no errors', ms(r.smallDuringBigList), p99Ok(r.smallDuringBigList, 50)],
    ['crowded: status polling p99 <= 25 ms, no errors (200 req/s during an import)', ms(r.polling), p99Ok(r.polling, 25)],
    [`crowded: ${n0(r.fileRows)}-row import within 15% of its rate on an empty database`, `${rate(r.crowdedRowsPerSecond)} vs ${rate(r.emptyRowsPerSecond)} (${Math.round(ratio * 100)}%)`, ratio >= 0.85],
    [`crowded: ${n0(r.fileRows)}-row re-import with existing=update (measured)`, rate(r.updateRowsPerSecond), undefined],
  ];
}

/** Rows of a table: what, then one column per result given. */
export function comparisonRows(columns: [name: string, result: CrowdedResult][]): string[][] {
  const figures = columns.map(([, r]) => crowdedFigures(r));
  return [['measure', ...columns.map(([name]) => name)], ...figures[0]!.map(([what], i) => [what, ...figures.map((f) => f[i]![1])])];
}
