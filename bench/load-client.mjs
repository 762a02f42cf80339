// Rows 5 and 7's load generator, run as its own process so that it does not share an event loop
// with the server: `node bench/load-client.mjs '<json options>'` prints autocannon's result as JSON.
// Options: {url (one URL, or a list: the connections are dealt out in turn), connections,
// seconds | amount, vote?: {pollId, optionId}, clients?}. A vote carries a new voter UUID in every
// request, as every reader's browser would. With `clients`, requests come in turn from that many
// client addresses, told to the server in X-Forwarded-For (for a server that trusts one proxy hop,
// EGOV_TRUST_PROXY=1).
//
// Besides autocannon's percentiles (every response), `steady` gives them without each
// connection's first response: that one also carries the TCP connection's set-up and, with 50
// connections opening at once, the server's accept burst, and at 50 connections over a 2 s round
// those 50 responses are exactly the slowest 1 % that p99 reads. `cpuSeconds` is this process's
// own CPU time: the load client shares the machine's cores with the server it measures.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { quantile } from './stats.mjs';

const { url, connections, seconds, amount, vote, clients } = JSON.parse(process.argv[2]);

let sent = 0;
/** 10.0.0.1, 10.0.0.2, …: the n-th of `clients` addresses, in turn. */
function nextAddress() {
  const n = sent++ % clients;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${(n & 255) + 1}`;
}

const request = vote
  ? {
      method: 'POST',
      path: `/api/polls/${vote.pollId}/votes`,
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => ({
        ...request,
        headers: clients ? { ...request.headers, 'x-forwarded-for': nextAddress() } : request.headers,
        body: JSON.stringify({ options: [vote.optionId], voter: randomUUID() }),
      }),
    }
  : { method: 'GET', path: `/api/polls/nghi-le` };

const cpuBefore = process.cpuUsage();
const answered = new WeakSet();
const steady = [];
const instance = autocannon({ url, connections, ...(amount ? { amount } : { duration: seconds }), requests: [request] });
instance.on('response', (client, statusCode, bytes, milliseconds) => {
  if (!answered.has(client)) answered.add(client);
  else if (statusCode >= 200 && statusCode < 300) steady.push(milliseconds);
});
const result = await instance;
const cpu = process.cpuUsage(cpuBefore);
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
    steady: { p50: quantile(steady, 0.5), p99: quantile(steady, 0.99) },
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  }),
);
