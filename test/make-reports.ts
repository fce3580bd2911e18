/**
 * `npm run reports`: regenerates the example reports in reports/ from the
 * bundled examples/ folder, so they stay current: examples.md (the Markdown
 * handout), examples.html (the self-contained HTML report) and examples.png
 * (a screenshot of that HTML in headless Chromium, when chromium is installed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumAvailable, openBrowser } from './browser.js';
import { CLI, ROOT } from './helpers.js';

/** Screenshot height: the top of the report (summary, stories, claims, graph, first article). */
const SHOT_HEIGHT = 3000;

function analyze(format: string): string {
  // Relative paths so the reports do not depend on where the repository lives.
  const r = spawnSync(process.execPath, [CLI, 'analyze', '--lexicons', 'examples/lexicons', 'examples/', '--format', format, '--quiet', '--no-color'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`analyze --format ${format} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

async function main(): Promise<void> {
  if (!existsSync(resolve(ROOT, 'examples'))) throw new Error('no examples/ folder');
  const md = analyze('md');
  writeFileSync(resolve(ROOT, 'reports/examples.md'), md);
  const html = analyze('html');
  const htmlPath = resolve(ROOT, 'reports/examples.html');
  writeFileSync(htmlPath, html);
  process.stdout.write('wrote reports/examples.md and reports/examples.html\n');
  if (!chromiumAvailable()) {
    process.stdout.write('chromium not installed: screenshot skipped\n');
    return;
  }
  const browser = await openBrowser();
  try {
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(htmlPath).href);
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    await page.screenshot({ path: resolve(ROOT, 'reports/examples.png'), fullPage: true, clip: { x: 0, y: 0, width: 1200, height: Math.min(height, SHOT_HEIGHT) } });
    if (browser.blocked.length) throw new Error(`the report tried to load: ${browser.blocked.join(', ')}`);
  } finally {
    await browser.close();
  }
  process.stdout.write('wrote reports/examples.png\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`make-reports: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
