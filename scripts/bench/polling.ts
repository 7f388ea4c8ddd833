// Requests at a steady rate: status polling under load (what an admin page, or many, asking "how
// far along is it?" sees), and the users endpoints of the crowded-database scenario.
import autocannon from 'autocannon';

export interface PollingResult {
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
}

/** `rate` GET requests per second on `url` for `seconds`; latencies of the answered ones. */
export async function latencyAtRate(url: string, token: string, rate: number, seconds: number): Promise<PollingResult> {
  const result = await autocannon({
    url,
    connections: 10,
    overallRate: rate,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    // autocannon gives up on a request after 10 s by default and sends another on a new connection,
    // while the API still works on the first: against a slow endpoint the work in flight would grow
    // without bound and spill into the next measurement. A long timeout keeps it at `connections`.
    timeout: 120,
  });
  const answered = result.requests.total;
  // With no answer at all autocannon reports 0 ms: that is no latency, not a fast one.
  return {
    p50Ms: answered ? result.latency.p50 : Infinity,
    p99Ms: answered ? result.latency.p99 : Infinity,
    requests: answered,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * Waits until the API answers /readyz (one database ping through the same pool) within 200 ms twice
 * running, at most `limitSeconds`: requests still running from the last measurement would be
 * counted against the next one.
 */
export async function settle(baseUrl: string, limitSeconds = 180): Promise<void> {
  const deadline = Date.now() + limitSeconds * 1000;
  let quick = 0;
  while (quick < 2 && Date.now() < deadline) {
    const started = performance.now();
    const ok = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(30_000) }).then((r) => r.ok, () => false);
    quick = ok && performance.now() - started < 200 ? quick + 1 : 0;
    if (quick < 2) await new Promise((r) => setTimeout(r, 500));
  }
}

/** `rate` GET requests per second on one import's status for `seconds`. */
export function pollUnderLoad(url: string, token: string, rate = 200, seconds = 20): Promise<PollingResult> {
  return latencyAtRate(url, token, rate, seconds);
}
