import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { XSRF_COOKIE, XSRF_HEADER } from '../../libs/api-contract/src/auth';

export const ROOT = join(__dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'apps', 'api', 'main.js');

export interface Reply {
  status: number;
  type: string;
  body: any;
  /** The socket closed or was refused before a whole response arrived. */
  error?: string;
}

/**
 * A browser as the dashboard is one, over node:http: a session cookie, and an XSRF token of its
 * own choosing sent both as cookie and header (the double submit the API checks). Each client has
 * its own keep-alive agent, so `sockets` connections stay open between requests.
 */
export class Client {
  private cookie = '';
  private readonly xsrf = randomBytes(12).toString('hex');
  readonly agent: Agent;

  constructor(
    readonly port: number,
    sockets = 1,
    private readonly timeoutMs = 15_000,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  get(path: string): Promise<Reply> {
    return this.send('GET', path);
  }

  post(path: string, body: unknown = {}): Promise<Reply> {
    return this.send('POST', path, body);
  }

  async signIn(email: string, password: string): Promise<void> {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`sign-in as ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  send(method: string, path: string, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Cookie: `${XSRF_COOKIE}=${this.xsrf}${this.cookie ? `; ${this.cookie}` : ''}`,
      [XSRF_HEADER]: this.xsrf,
    };
    if (payload) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(payload.length);
    }
    return new Promise((resolve) => {
      const req = request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => resolve({ status: 0, type: '', body: undefined, error: e.message }));
        res.on('end', () => {
          if (!res.complete) {
            resolve({ status: 0, type: '', body: undefined, error: 'response cut short' });
            return;
          }
          const session = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith('venule_session='));
          if (session) this.cookie = session.split(';')[0];
          const text = Buffer.concat(chunks).toString('utf8');
          const type = String(res.headers['content-type'] ?? '');
          let parsed: unknown = text;
          if (type.includes('json') && text) {
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, type, body: parsed });
        });
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 0, type: '', body: undefined, error: e.code ?? e.message }));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The built API as a child process; its output is kept for the report when something fails. */
export class Api {
  readonly output: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout?.on('data', (d: Buffer) => this.output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => this.output.push(d.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Starts `node dist/apps/api/main.js` and waits until `/api/health` answers 200. */
  static async start(port: number, env: Record<string, string>): Promise<Api> {
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', SEND_MESSAGES: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new Api(child, port);
    let gone = false;
    void api.exited.then(() => (gone = true));
    const probe = new Client(port, 1, 2_000);
    try {
      for (let i = 0; i < 600; i++) {
        if (gone) throw new Error(`the API exited while starting:\n${api.log()}`);
        const res = await probe.get('/api/health');
        if (res.status === 200) return api;
        await sleep(200);
      }
    } finally {
      probe.close();
    }
    child.kill('SIGKILL');
    throw new Error(`the API did not become healthy within 120 s:\n${api.log()}`);
  }

  /** Resolves once the process has printed `text` (or exited). */
  async printed(text: string): Promise<void> {
    while (!this.output.join('').includes(text) && this.child.exitCode === null && this.child.signalCode === null) await sleep(5);
  }

  log(): string {
    return this.output.join('').split('\n').slice(-30).join('\n');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One scenario's verdict: printed as `PASS name: figures` or `FAIL name: figures; problems`. */
export class Verdict {
  readonly problems: string[] = [];
  readonly figures: string[] = [];
  /** The figures that go on the PASS/FAIL line itself. */
  readonly headline: string[] = [];

  constructor(readonly name: string) {}

  figure(text: string): void {
    this.figures.push(text);
    process.stdout.write(`  ${this.name}: ${text}\n`);
  }

  check(ok: boolean, problem: string): void {
    if (!ok) {
      this.problems.push(problem);
      process.stdout.write(`  ${this.name}: problem: ${problem}\n`);
    }
  }

  get passed(): boolean {
    return this.problems.length === 0;
  }

  line(): string {
    return `${this.passed ? 'PASS' : 'FAIL'} ${this.name}: ${this.headline.join('; ')}${this.passed ? '' : ` | ${this.problems.join('; ')}`}`;
  }
}

/** Tallies replies by outcome: `ok` (2xx), `503 problem+json`, and anything else, with examples. */
export class Tally {
  ok = 0;
  unavailable = 0;
  other = 0;
  readonly examples = new Map<string, number>();

  add(res: Reply, expected: (res: Reply) => boolean): void {
    if (expected(res)) this.ok += 1;
    else if (res.status === 503 && res.type.startsWith('application/problem+json')) this.unavailable += 1;
    else {
      this.other += 1;
      const key = res.error ? `error ${res.error}` : `${res.status} ${res.type} ${JSON.stringify(res.body).slice(0, 160)}`;
      this.examples.set(key, (this.examples.get(key) ?? 0) + 1);
    }
  }

  describe(): string {
    const examples = [...this.examples].map(([k, n]) => `${n}× ${k}`).join(', ');
    return `${this.ok} ok, ${this.unavailable} 503 problem+json, ${this.other} other${examples ? ` (${examples})` : ''}`;
  }
}
