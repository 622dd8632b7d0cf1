import autocannon from 'autocannon';

const SECONDS = Number(process.env['MEASURE_SECONDS'] ?? 8);
const CONNECTIONS = Number(process.env['MEASURE_CONNECTIONS'] ?? 50);

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
}

function load(url: string, connections: number, cookie: string): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: SECONDS, headers: { cookie, accept: 'application/json' } });
}

/**
 * The same load, as two autocannon instances of half the connections each, run together: both at
 * `first` (one process), or one at each (two processes, the round robin of a load balancer). The
 * request rates add up; of the latencies, the slower instance's is given.
 */
async function run(first: string, second: string, path: string, cookie: string): Promise<Figures> {
  const half = Math.floor(CONNECTIONS / 2);
  const results = await Promise.all([load(`${first}${path}`, half, cookie), load(`${second}${path}`, CONNECTIONS - half, cookie)]);
  return {
    requestsPerSecond: results.reduce((sum, r) => sum + r.requests.total / r.duration, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    failed: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
  };
}

/** Read routes on one process and on two, printed as a table (figures only: nothing is asserted). */
export async function measure(target: { A: string; B: string; cookie: string; searchFor: string }): Promise<void> {
  const routes = [`/api/patients?q=${encodeURIComponent(target.searchFor)}`, '/api/auth/me'];
  console.log(`\nmeasure: ${CONNECTIONS} connections for ${SECONDS} s per run, signed in as reception; two autocannon instances each run`);
  const rows: string[][] = [];
  for (const path of routes) {
    const one = await run(target.A, target.A, path, target.cookie);
    const two = await run(target.A, target.B, path, target.cookie);
    const label = path.replace(/q=[^&]+/, 'q=…');
    rows.push([
      label,
      one.requestsPerSecond.toFixed(0),
      `${one.p50} / ${one.p99}`,
      String(one.failed),
      two.requestsPerSecond.toFixed(0),
      `${two.p50} / ${two.p99}`,
      String(two.failed),
      (two.requestsPerSecond / one.requestsPerSecond).toFixed(2),
    ]);
  }
  const header = ['GET', 'one: req/s', 'p50 / p99 ms', 'failed', 'two: req/s', 'p50 / p99 ms', 'failed', 'two ÷ one'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}
