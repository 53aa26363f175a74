import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { findTool } from '../../suites/harness/helpers/tools';

const run = promisify(execFile);

/** Debian's package installs `chromium`; other systems name it differently. */
export const chromium = (): string | undefined => findTool(['chromium', 'chromium-browser', 'google-chrome']);

/** The DOM of a local file after headless Chromium has loaded it (and run whatever scripts it has). */
export async function dumpDom(browser: string, file: string): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'lso-chromium-'));
  try {
    const { stdout } = await run(
      browser,
      // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start.
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        '--dump-dom',
        pathToFileURL(file).href,
      ],
      { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Parses XML with the browser's own strict XML parser; returns what the page computed from the parsed document. */
export async function parseXmlInBrowser<T>(browser: string, xml: string, extract: string, dir: string): Promise<T> {
  const page = join(dir, 'parse-xml.html');
  writeFileSync(
    page,
    `<!DOCTYPE html><html><body><pre id="out"></pre><script>
const doc = new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml');
const error = doc.getElementsByTagName('parsererror')[0];
document.getElementById('out').textContent = JSON.stringify(error ? { error: error.textContent } : (${extract})(doc));
</script></body></html>`,
  );
  const dom = await dumpDom(browser, page);
  const text = /<pre id="out">([\s\S]*?)<\/pre>/.exec(dom)?.[1] ?? '';
  return JSON.parse(decodeEntities(text)) as T;
}

export function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}
