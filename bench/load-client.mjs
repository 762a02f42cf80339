// Row 5's load generator, run as its own process so that it does not share an event loop with
// the server: `node bench/load-client.mjs '<json options>'` prints autocannon's result as JSON.
// Options: {url, connections, seconds, vote?: {pollId, optionId}}. A vote carries a new voter
// UUID in every request, as every reader's browser would.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

const { url, connections, seconds, vote } = JSON.parse(process.argv[2]);

const request = vote
  ? {
      method: 'POST',
      path: `/api/polls/${vote.pollId}/votes`,
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => ({ ...request, body: JSON.stringify({ options: [vote.optionId], voter: randomUUID() }) }),
    }
  : { method: 'GET', path: `/api/polls/nghi-le` };

const result = await autocannon({ url, connections, duration: seconds, requests: [request] });
process.stdout.write(
  JSON.stringify({
    seconds: result.duration,
    requests: result.requests.total,
    ok: result['2xx'],
    notOk: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    perSecond: result['2xx'] / result.duration,
    latency: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean, max: result.latency.max },
  }),
);
