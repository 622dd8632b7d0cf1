import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of the built dashboard, at the
 * highest levels (done once per build, never per request); the API serves them to browsers that
 * accept them (`preCompressed` in apps/api/src/platform/http/dashboard.ts). Fonts and images are
 * compressed already and are left alone.
 */
const TEXT = /\.(js|mjs|css|html|svg|json|txt|ico|webmanifest)$/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

export function precompress(root: string): { file: string; bytes: number; br: number; gz: number }[] {
  return files(root)
    .filter((file) => TEXT.test(file))
    .map((file) => {
      const content = readFileSync(file);
      const br = brotliCompressSync(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      });
      const gz = gzipSync(content, { level: constants.Z_BEST_COMPRESSION });
      // A copy no smaller than the file would only cost a disk read; the plain file is sent instead.
      if (br.length < content.length) writeFileSync(`${file}.br`, br);
      if (gz.length < content.length) writeFileSync(`${file}.gz`, gz);
      return { file, bytes: content.length, br: br.length, gz: gz.length };
    });
}

if (require.main === module) {
  const root = process.argv[2];
  if (!root || !statSync(root).isDirectory()) throw new Error('usage: precompress.ts <built dashboard directory>');
  const done = precompress(root);
  const total = (key: 'bytes' | 'br' | 'gz') => Math.round(done.reduce((sum, f) => sum + f[key], 0) / 1024);
  console.log(`precompressed ${done.length} files: ${total('bytes')} kB, brotli ${total('br')} kB, gzip ${total('gz')} kB`);
}
