import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { HarnessError } from '../../lib/errors';
import { aggregate } from '../../reports/aggregate';
import { createConsoleReporter } from '../../reports/console';
import { defaultResultsDir } from '../../reports/results-dir';
import { createResultsWriter } from '../../reports/results-writer';
import { recordOf } from '../../reports/run-record';
import type { Summary } from '../../reports/summary';
import schema from '../../reports/summary.schema.json';
import type { RunEvent } from '../../runtime/events/events';
import { sampleRun } from './helpers/sample-run';

let events: RunEvent[];
let dir: string;
let out: string;
beforeAll(async () => {
  events = await sampleRun();
  dir = mkdtempSync(join(tmpdir(), 'lso-reports-'));
  out = join(dir, 'results');
  const writer = createResultsWriter(out, {
    uuid: (() => {
      let n = 0;
      return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
    })(),
  });
  for (const e of events) writer.onEvent(e);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (f: string) => readFileSync(join(out, f), 'utf8');
const validator = () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(schema);
};

describe('summary.json', () => {
  test('is valid against reports/summary.schema.json', () => {
    const validate = validator();
    const ok = validate(JSON.parse(read('summary.json')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('the schema bites: an unknown verdict or a missing field is refused', () => {
    const validate = validator();
    const s = JSON.parse(read('summary.json')) as Summary;
    expect(validate({ ...s, verdict: 'passed' })).toBe(false);
    const { sdk: _sdk, ...noSdk } = s;
    expect(validate(noSdk)).toBe(false);
  });

  test('holds verdicts per rule and per requirement, counts, target, harness and SDK', () => {
    const s = JSON.parse(read('summary.json')) as Summary;
    const a = aggregate(recordOf(events));
    expect(s.rules.map((r) => [r.id, r.verdict])).toEqual(a.rules.map((r) => [r.id, r.verdict]));
    expect(s.requirements.map((q) => q.key)).toEqual([
      'MEF123 R6',
      'MEF123 R10',
      'MEF123 R18',
      'MEF123 R19',
      'MEF123 R78',
      'MEF123 R101',
      'MEF123 R105',
    ]);
    expect(s.verdict).toBe('fail');
    expect(s.counts.rules.fail).toBeGreaterThan(0);
    expect(s.counts.rules.error).toBeGreaterThan(0);
    expect(s.target).toMatchObject({ name: 'test target', version: '1.0' });
    expect(s.harness).toEqual({ name: 'lso-harness', version: '0.0.0-test' });
    expect(s.sdk).toEqual({ release: 'test', sources: null });
    expect(
      s.checks
        .filter((c) => c.verdict === 'fail')
        .every((c) => c.evidence.exchanges.every((x) => x.curl.startsWith('curl '))),
    ).toBe(true);
  });

  test('events.jsonl holds the event stream, one JSON object a line', () => {
    const lines = read('events.jsonl')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RunEvent);
    expect(lines).toEqual(events);
  });
});

describe('junit.xml', () => {
  test('one testcase per rule; fails as <failure>, errors as <error>, skips as <skipped>', () => {
    const xml = read('junit.xml');
    const s = JSON.parse(read('summary.json')) as Summary;
    expect(xml.match(/<testcase /g)).toHaveLength(s.rules.length);
    expect(xml.match(/<failure /g)).toHaveLength(s.counts.rules.fail);
    expect(xml.match(/<error /g)).toHaveLength(s.counts.rules.error);
    expect(xml.match(/<skipped /g) ?? []).toHaveLength(s.counts.rules.skip);
    expect(xml).toContain(
      `tests="${s.rules.length}" failures="${s.counts.rules.fail}" errors="${s.counts.rules.error}"`,
    );
    expect(xml).toContain('reproduce: curl -sS -i -X POST');
  });

  test('markup from the target is escaped', () => {
    const xml = read('junit.xml');
    expect(xml).not.toMatch(/<(script|img)\b/);
    expect(xml).toContain('&lt;img src=x onerror=\\&quot;document.title=&#39;pwned&#39;\\&quot;&gt;');
  });
});

describe('allure-results/', () => {
  const results = () =>
    readdirSync(join(out, 'allure-results'))
      .filter((f) => f.endsWith('-result.json'))
      .map(
        (f) =>
          JSON.parse(readFileSync(join(out, 'allure-results', f), 'utf8')) as {
            name: string;
            status: string;
            historyId: string;
            labels: Array<{ name: string; value: string }>;
            steps: Array<{ attachments: Array<{ source: string }> }>;
          },
      );

  test('one Allure result per rule, with the status Allure uses for its verdict', () => {
    const s = JSON.parse(read('summary.json')) as Summary;
    const rs = results();
    expect(rs).toHaveLength(s.rules.length);
    const statusOf = { pass: 'passed', fail: 'failed', error: 'broken', skip: 'skipped' };
    for (const r of s.rules) {
      const a = rs.find((x) => x.name.startsWith(`${r.id}:`))!;
      expect(a.status).toBe(statusOf[r.verdict]);
      expect(a.labels).toEqual(
        expect.arrayContaining([
          { name: 'suite', value: r.api },
          ...r.requirements.map((k) => ({ name: 'story', value: k })),
        ]),
      );
      expect(a.historyId).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  test('failing checks carry their evidence as attachments that exist, and the environment is described', () => {
    const sources = results().flatMap((r) => r.steps.flatMap((s) => s.attachments.map((a) => a.source)));
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources)
      expect(JSON.parse(readFileSync(join(out, 'allure-results', src), 'utf8'))).toHaveProperty('evidence');
    expect(readFileSync(join(out, 'allure-results', 'environment.properties'), 'utf8')).toContain(
      'suite=harness-selftest',
    );
  });
});

describe('report.html (static checks; the browser test opens it)', () => {
  test("is self-contained and runs nothing: no scripts, no external resources, the target's markup escaped", () => {
    const html = read('report.html');
    expect(html).not.toMatch(/<(script|img|link|iframe|object)\b|@import|url\(/i);
    expect(html).toContain('&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=');
  });
});

describe('results folder', () => {
  test('a folder that cannot be written is a harness error', () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, '');
    const writer = createResultsWriter(join(file, 'results'));
    expect(() => writer.onEvent(events[0])).toThrow(HarnessError);
  });

  test('the default folder is ./lso-results/<timestamp>, made unique when taken', () => {
    const now = new Date('2024-05-01T12:00:00.123Z');
    expect(defaultResultsDir(now)).toBe(join('lso-results', '2024-05-01T12-00-00Z'));
    const taken = new Set([join('lso-results', '2024-05-01T12-00-00Z'), join('lso-results', '2024-05-01T12-00-00Z-2')]);
    expect(defaultResultsDir(now, 'lso-results', (p) => taken.has(p))).toBe(
      join('lso-results', '2024-05-01T12-00-00Z-3'),
    );
    expect(existsSync(out)).toBe(true);
  });
});

describe('terminal reporter', () => {
  test('shows scenarios, steps and failures live, then a one-screen summary', () => {
    let text = '';
    const report = createConsoleReporter((s) => (text += s), { resultsDir: 'lso-results/x' });
    for (const e of events) report(e);
    expect(text).toContain('lso test harness-selftest → test target 1.0');
    expect(text).toContain('[1/2] Register a hub, receive a notification, fetch the order it names, remove the hub');
    expect(text).toContain('      · register a hub for productOrderStateChangeEvent');
    expect(text).toMatch(/✗ FAIL selftest\.hub\.register\.contract: /);
    expect(text).toMatch(/\nResult: FAIL in \d+\.\d s\n {2}Rules {9}pass \d+ {2}fail \d+ {2}error \d+ {2}skip \d+\n/);
    expect(text).toContain('Results: lso-results/x');
    const summary = text.slice(text.indexOf('\nResult:'));
    expect(summary.split('\n').length).toBeLessThan(25);
  });
});
