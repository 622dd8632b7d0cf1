import Fastify from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { registerRequestLog } from './logger-options';

/** A Fastify app logging its requests into `lines`, at `level`. */
async function appLogging(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = Fastify();
  registerRequestLog(app, pino({ level }, sink));
  app.get('/api/patients', async () => ({ items: [] }));
  app.get('/api/health', async () => ({ status: 'ok' }));
  await app.ready();
  return { app, lines };
}

describe('request log', () => {
  it('writes one line per request with its id, method, path and status, never the query string', async () => {
    const { app, lines } = await appLogging('info');
    await app.inject({ url: '/api/patients?q=Evans&dateOfBirth=1980-02-29', headers: { cookie: 'venule_session=secret' } });
    await app.inject({ url: '/api/nowhere' });
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        req: { id: 'req-1', method: 'GET', path: '/api/patients' },
        res: { statusCode: 200 },
      }),
      expect.objectContaining({ req: { id: 'req-2', method: 'GET', path: '/api/nowhere' }, res: { statusCode: 404 } }),
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/Evans|1980|secret/);
    await app.close();
  });

  it('leaves out health probes, and logs nothing below its level', async () => {
    const quiet = await appLogging('warn');
    await quiet.app.inject({ url: '/api/patients' });
    expect(quiet.lines).toEqual([]);
    await quiet.app.close();

    const { app, lines } = await appLogging('info');
    await app.inject({ url: '/api/health' });
    expect(lines).toEqual([]);
    await app.close();
  });
});
