/**
 * Fault 2: SIGTERM while keep-alive clients keep sending requests. Requests in flight finish,
 * new connections are refused, the process exits with code 0 within 10 s, and no request the
 * server accepted goes unanswered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api, Client, sleep, Verdict, type Reply } from './support';

const PORT = Number(process.env['FAULTS_PORT_SIGTERM'] ?? 3142);
const CONNECTIONS = 8;
const EXIT_LIMIT_MS = 10_000;

interface Sent {
  at: number;
  done: number;
  res: Reply;
}

export async function sigterm(): Promise<Verdict> {
  const verdict = new Verdict('SIGTERM under load');
  const dataDir = mkdtempSync(join(tmpdir(), 'venule-faults-sigterm-'));
  let api: Api | undefined;
  const clients: Client[] = [];
  try {
    api = await Api.start(PORT, { VENULE_DATA_DIR: dataDir, VENULE_DEMO: 'true' });
    for (let i = 0; i < CONNECTIONS; i++) {
      const c = new Client(PORT, 1);
      clients.push(c);
      await c.signIn('reception@demo.venule', 'demo-venule');
    }
    const sent: Sent[] = [];
    let running = true;
    const loops = clients.map(async (c, i) => {
      while (running) {
        const at = Date.now();
        const res = await (i % 2 ? c.get('/api/patients?q=evans') : c.get('/api/auth/me'));
        sent.push({ at, done: Date.now(), res });
        // A refused or closed connection ends this client: the server is going away.
        if (res.error) break;
      }
    });
    await sleep(3_000);
    const termAt = Date.now();
    api.child.kill('SIGTERM');
    // A new connection once the process has taken the signal, while it drains and after it has gone:
    // refused, never left hanging.
    const fresh: Reply[] = [];
    const freshLoop = (async () => {
      await api?.printed('SIGTERM received');
      while (Date.now() - termAt < 3_000) {
        const c = new Client(PORT, 1, 5_000);
        fresh.push(await c.get('/api/health'));
        c.close();
        await sleep(200);
      }
    })();
    const exitTimer = sleep(EXIT_LIMIT_MS + 5_000).then(() => 'timeout' as const);
    const exit = await Promise.race([api.exited, exitTimer]);
    const exitMs = Date.now() - termAt;
    running = false;
    await Promise.all([...loops, freshLoop]);

    const before = sent.filter((s) => s.at < termAt);
    const after = sent.filter((s) => s.at >= termAt);
    const count = (list: Sent[], pred: (r: Reply) => boolean) => list.filter((s) => pred(s.res)).length;
    // Sent before the signal and answered after it: in flight when it came.
    const inFlight = before.filter((s) => s.done >= termAt);
    const beforeNot200 = before.filter((s) => s.res.status !== 200);
    // A request the server took and never answered: the socket closed under it, or no answer came.
    const lost = sent.filter((s) => s.res.error && s.res.error !== 'ECONNREFUSED');
    const closing503 = count(after, (r) => r.status === 503);
    const refusedAfter = count(after, (r) => r.error === 'ECONNREFUSED');
    const freshRefused = fresh.filter((r) => r.error === 'ECONNREFUSED').length;
    const freshAnswered = fresh.filter((r) => !r.error);

    verdict.figure(
      `${CONNECTIONS} keep-alive connections, ${before.length} requests before SIGTERM, ${inFlight.length} of them in flight when it came`,
    );
    verdict.figure(`sent before SIGTERM and not answered 200: ${beforeNot200.length}`);
    verdict.figure(
      `sent after SIGTERM on open connections: ${count(after, (r) => r.status === 200)} answered 200, ${closing503} answered 503 with Connection: close, ${refusedAfter} refused`,
    );
    verdict.figure(
      `new connections after SIGTERM: ${freshRefused} of ${fresh.length} refused${freshAnswered.length ? `, ${freshAnswered.length} answered ${[...new Set(freshAnswered.map((r) => r.status))].join('/')}` : ''}`,
    );
    verdict.figure(
      `accepted requests lost: ${lost.length}${lost.length ? ` (${[...new Set(lost.map((s) => s.res.error))].join(', ')})` : ''}`,
    );
    verdict.figure(
      exit === 'timeout' ? `still running ${exitMs} ms after SIGTERM` : `exited ${exitMs} ms after SIGTERM with code ${exit.code}`,
    );

    verdict.check(beforeNot200.length === 0, `${beforeNot200.length} requests sent before SIGTERM were not answered 200`);
    verdict.check(lost.length === 0, `${lost.length} accepted requests got no complete answer`);
    verdict.check(
      after.every((s) => s.res.status === 200 || s.res.status === 503 || s.res.error === 'ECONNREFUSED'),
      'a request after SIGTERM got something other than 200, 503 or a refused connection',
    );
    verdict.check(fresh.length > 0 && freshRefused === fresh.length, 'a new connection after SIGTERM was not refused');
    verdict.check(exit !== 'timeout' && exitMs <= EXIT_LIMIT_MS, `the process did not exit within ${EXIT_LIMIT_MS / 1000} s`);
    verdict.check(exit !== 'timeout' && exit.code === 0, `exit code ${exit === 'timeout' ? 'none' : exit.code}, not 0`);
    verdict.headline.push(
      `${before.length - beforeNot200.length} of ${before.length} requests sent before SIGTERM answered 200 (${inFlight.length} in flight)`,
      `after it ${count(after, (r) => r.status === 200)} answered with Connection: close, ${closing503} × 503, new connections ${freshRefused}/${fresh.length} refused`,
      `${lost.length} accepted requests lost`,
      exit === 'timeout' ? 'did not exit' : `exit code ${exit.code} after ${exitMs} ms`,
    );
    if (!verdict.passed) process.stdout.write(`  the API's last lines:\n${api.log()}\n`);
  } catch (error) {
    verdict.check(false, `${error instanceof Error ? error.message : String(error)}${api ? `\n${api.log()}` : ''}`);
  } finally {
    for (const c of clients) c.close();
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return verdict;
}

if (require.main === module) {
  void sigterm().then((v) => {
    process.stdout.write(`${v.line()}\n`);
    process.exit(v.passed ? 0 : 1);
  });
}
