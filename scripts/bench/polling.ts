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

/** `rate` GET requests per second on one import's status for `seconds`. */
export function pollUnderLoad(url: string, token: string, rate = 200, seconds = 20): Promise<PollingResult> {
  return latencyAtRate(url, token, rate, seconds);
}
