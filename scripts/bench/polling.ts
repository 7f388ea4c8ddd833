// Status polling under load: what an admin page (or many) asking "how far along is it?" sees.
import autocannon from 'autocannon';

export interface PollingResult {
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
}

/** `rate` GET requests per second on one import's status for `seconds`. */
export async function pollUnderLoad(url: string, token: string, rate = 200, seconds = 20): Promise<PollingResult> {
  const result = await autocannon({
    url,
    connections: 10,
    overallRate: rate,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
