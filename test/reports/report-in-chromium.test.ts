import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createResultsWriter } from '../../reports/results-writer';
import type { Summary } from '../../reports/summary';
import { chromium, decodeEntities, dumpDom, parseXmlInBrowser } from './helpers/chromium';
import { sampleRun } from './helpers/sample-run';

// Fails (does not skip) on CI when Chromium is missing: see helpers/tools.ts.
const browser = chromium();
const inBrowser = browser ? describe : describe.skip;

inBrowser('report.html and junit.xml in headless Chromium', () => {
  let dir: string;
  let summary: Summary;
  let dom: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lso-browser-'));
    const writer = createResultsWriter(dir);
    for (const e of await sampleRun()) writer.onEvent(e);
    summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
    dom = await dumpDom(browser!, join(dir, 'report.html'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cell = (id: string) => new RegExp(`<td class="[^"]*" id="${id}">(\\d+)</td>`).exec(dom)?.[1];

  test('the page shows the verdict counts of the run', () => {
    for (const level of ['rules', 'requirements', 'checks'] as const) {
      for (const v of ['pass', 'fail', 'error', 'skip'] as const)
        expect(cell(`count-${level}-${v}`)).toBe(String(summary.counts[level][v]));
    }
    expect(dom).toContain('<p id="overall" class="badge fail" data-verdict="fail">Overall: fail</p>');
  });

  test("the page shows a failure's curl line, as the certifier can copy it", () => {
    const failure = summary.checks.find((c) => c.verdict === 'fail' && c.ruleId === 'selftest.hub.register.contract')!;
    const curl = failure.evidence.exchanges[0].curl;
    const shown = [...dom.matchAll(/<pre class="curl">([\s\S]*?)<\/pre>/g)].map((m) => decodeEntities(m[1]));
    expect(shown).toContain(curl);
  });

  test("the target's markup is shown as text: nothing of it ran", () => {
    expect(dom).not.toContain('pwned</title>');
    expect(dom).not.toMatch(/<script|<img/);
    expect(decodeEntities(dom)).toContain(`<script>document.title='pwned'</script>`);
  });

  test('junit.xml is well-formed XML with one testcase per rule', async () => {
    const parsed = await parseXmlInBrowser<{
      error?: string;
      testcases: number;
      failures: number;
      errors: number;
      names: string[];
    }>(
      browser!,
      readFileSync(join(dir, 'junit.xml'), 'utf8'),
      `(d) => ({ testcases: d.getElementsByTagName('testcase').length, failures: d.getElementsByTagName('failure').length, errors: d.getElementsByTagName('error').length,
                 names: [...d.getElementsByTagName('testcase')].map((t) => t.getAttribute('name').split(':')[0]) })`,
      dir,
    );
    expect(parsed.error).toBeUndefined();
    expect(parsed.testcases).toBe(summary.rules.length);
    expect(parsed.names).toEqual(summary.rules.map((r) => r.id));
    expect(parsed.failures).toBe(summary.counts.rules.fail);
    expect(parsed.errors).toBe(summary.counts.rules.error);
  });
});
