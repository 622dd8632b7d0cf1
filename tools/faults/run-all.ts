/**
 * `npm run faults`: each fault against the built API (`dist/apps/api/main.js`, build it first),
 * one after the other; a PASS/FAIL line per fault, exit code 1 if any failed.
 */
import { existsSync } from 'node:fs';
import { killEmbedded } from './kill-embedded';
import { postgresRestart } from './postgres-restart';
import { sigterm } from './sigterm';
import { MAIN, type Verdict } from './support';

async function main(): Promise<void> {
  if (!existsSync(MAIN)) {
    process.stderr.write(`faults: ${MAIN} is missing; build first (npx nx run-many -t build -p api dashboard)\n`);
    process.exit(1);
  }
  const started = Date.now();
  const verdicts: Verdict[] = [];
  for (const [name, run] of [
    ['PostgreSQL restart under load', postgresRestart],
    ['SIGTERM under load', sigterm],
    ['kill -9 during writes on the embedded database', killEmbedded],
  ] as const) {
    process.stdout.write(`\n== ${name}\n`);
    const verdict = await run();
    process.stdout.write(`${verdict.line()}\n`);
    verdicts.push(verdict);
  }
  process.stdout.write(`\n== faults: ${Math.round((Date.now() - started) / 1000)} s\n${verdicts.map((v) => v.line()).join('\n')}\n`);
  process.exit(verdicts.every((v) => v.passed) ? 0 : 1);
}

void main();
