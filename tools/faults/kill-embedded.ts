/**
 * Fault 3: kill -9 of the API while it writes patients on the embedded database (PGlite). The
 * next start on the same data directory opens it, and every patient acknowledged with a 201 is there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api, Client, sleep, Verdict } from './support';

const PORT = Number(process.env['FAULTS_PORT_KILL'] ?? 3143);
const WRITERS = 4;
const WRITE_MS = 4_000;

export async function killEmbedded(): Promise<Verdict> {
  const verdict = new Verdict('kill -9 during writes on the embedded database');
  const dataDir = mkdtempSync(join(tmpdir(), 'venule-faults-kill-'));
  let api: Api | undefined;
  const clients: Client[] = [];
  try {
    const env = { VENULE_DATA_DIR: dataDir, VENULE_DEMO: 'true' };
    api = await Api.start(PORT, env);
    for (let i = 0; i < WRITERS; i++) {
      const c = new Client(PORT, 1, 5_000);
      clients.push(c);
      await c.signIn('reception@demo.venule', 'demo-venule');
    }
    const acknowledged: string[] = [];
    let attempts = 0;
    let running = true;
    const loops = clients.map(async (c, w) => {
      for (let n = 0; running; n++) {
        attempts += 1;
        const res = await c.post('/api/patients', {
          firstName: 'Killed',
          lastName: `Writer${w} ${n}`,
          dateOfBirth: '1970-01-01',
          sex: 'female',
          phone: `07700 7${w}${String(n).padStart(4, '0')}`,
          confirmDuplicate: true,
        });
        if (res.status === 201) acknowledged.push(res.body.id);
        else if (res.error) break;
      }
    });
    await sleep(WRITE_MS);
    api.child.kill('SIGKILL');
    const exit = await api.exited;
    running = false;
    await Promise.all(loops);
    for (const c of clients) c.close();
    verdict.figure(
      `${attempts} writes attempted by ${WRITERS} clients, ${acknowledged.length} acknowledged with 201, then SIGKILL (${exit.signal})`,
    );

    const restartAt = Date.now();
    api = await Api.start(PORT, env);
    verdict.figure(`restarted on the same data directory in ${Date.now() - restartAt} ms`);
    const reader = new Client(PORT);
    clients.push(reader);
    await reader.signIn('reception@demo.venule', 'demo-venule');
    const missing: string[] = [];
    for (const id of acknowledged) {
      const res = await reader.get(`/api/patients/${id}`);
      if (res.status !== 200) missing.push(`${id} (${res.status})`);
    }
    verdict.figure(`acknowledged patients found after the restart: ${acknowledged.length - missing.length} of ${acknowledged.length}`);
    verdict.check(acknowledged.length > 0, 'no write was acknowledged before the kill');
    verdict.check(missing.length === 0, `${missing.length} acknowledged patients are gone: ${missing.slice(0, 5).join(', ')}`);
    const after = await reader.post('/api/patients', {
      firstName: 'After',
      lastName: 'Restart',
      dateOfBirth: '1970-01-01',
      sex: 'female',
      phone: '07700 600000',
      confirmDuplicate: true,
    });
    verdict.check(after.status === 201, `a write after the restart answered ${after.status}`);
    verdict.headline.push(
      `${acknowledged.length} patients acknowledged before SIGKILL`,
      `restart opened the data directory`,
      `${acknowledged.length - missing.length}/${acknowledged.length} found afterwards`,
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
  void killEmbedded().then((v) => {
    process.stdout.write(`${v.line()}\n`);
    process.exit(v.passed ? 0 : 1);
  });
}
