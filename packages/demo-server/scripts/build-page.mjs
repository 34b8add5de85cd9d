// Bundles the demo page's script from @run-comparer/elements into dist/public/app.js.
// Exits 1 with a short reason when the elements cannot be bundled yet; the server then says so on the page.
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// An output file may be given (tests bundle into a temporary folder).
const outfile = resolve(process.argv[2] ?? join(root, 'dist', 'public', 'app.js'));

await mkdir(dirname(outfile), { recursive: true });
try {
  const started = performance.now();
  await build({
    stdin: {
      contents: "import '@run-comparer/elements';\n",
      resolveDir: root,
      sourcefile: 'run-comparer-page.js',
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // Bundle the workspace sources directly, so the page never waits for other packages' builds.
    conditions: ['source'],
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'silent',
    outfile,
  });
  console.log(
    `demo page: bundled @run-comparer/elements into ${relative(process.cwd(), outfile)} in ${Math.round(performance.now() - started)} ms`,
  );
} catch (error) {
  const first = error?.errors?.[0];
  const where = first?.location ? ` (${first.location.file}:${first.location.line})` : '';
  console.error(
    `demo page: could not bundle @run-comparer/elements: ${first?.text ?? error?.message ?? error}${where}`,
  );
  console.error('demo page: the server still runs; its page says the UI is not built yet.');
  process.exit(1);
}
