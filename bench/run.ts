/**
 * `npm run bench -- <name> [args...]` runs bench/<name>.ts (compiled to
 * dist/bench/<name>.js), which prints its figures. Without a name it lists them.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const names = readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'run.js' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${names.join('|') || 'none yet'}> [args...]\n`);
  process.exitCode = name ? 2 : 0;
} else {
  const mod = (await import(pathToFileURL(`${here}/${name}.js`).href)) as { main(args: string[]): Promise<void> | void };
  await mod.main(args);
}
