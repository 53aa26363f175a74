import type { RunEvent } from '../runtime/events/events';
import type { VerdictCounts } from '../runtime/events/verdicts';
import { aggregate } from './aggregate';
import { RunRecorder } from './run-record';

const MAX_LISTED = 12;

const fmt = (c: VerdictCounts) => `pass ${c.pass}  fail ${c.fail}  error ${c.error}  skip ${c.skip}`;

/**
 * Live progress on the terminal (scenario, step, running counts, each failure as it happens) and a one-screen
 * summary at the end. Plain lines, no cursor tricks, so CI logs read the same as a terminal.
 */
export function createConsoleReporter(
  write: (s: string) => void,
  opts: { resultsDir?: string } = {},
): (e: RunEvent) => void {
  const recorder = new RunRecorder();
  const running: VerdictCounts = { pass: 0, fail: 0, error: 0, skip: 0 };
  return (e) => {
    recorder.onEvent(e);
    switch (e.type) {
      case 'run-started':
        write(
          `lso test ${e.suite.id} → ${e.target.name ?? e.target.profile}${e.target.version ? ` ${e.target.version}` : ''}\n`,
        );
        write(
          `MEF SDK ${e.sdk.release ?? 'unknown release'} · ${e.rules.length} rules · ${e.scenarios.length} scenarios${e.options.strict ? ' · strict' : ''}\n`,
        );
        break;
      case 'scenario-started':
        write(`[${e.index + 1}/${e.total}] ${e.title}\n`);
        break;
      case 'step-started':
        write(`      · ${e.title}\n`);
        break;
      case 'check':
        running[e.verdict]++;
        if (e.verdict === 'fail' || e.verdict === 'error')
          write(`      ✗ ${e.verdict.toUpperCase()} ${e.ruleId}: ${oneLine(e.message)}\n`);
        break;
      case 'scenario-finished':
        write(`      ${e.status}${e.reason ? ` (${oneLine(e.reason)})` : ''} · so far: ${fmt(running)}\n`);
        break;
      case 'run-finished': {
        const a = aggregate(recorder.record());
        const bad = a.rules.filter((r) => r.verdict === 'fail' || r.verdict === 'error');
        const lines = [
          '',
          `Result: ${a.verdict.toUpperCase()}${e.bailed ? ' (stopped early: --bail)' : ''} in ${(e.durationMs / 1000).toFixed(1)} s`,
          `  Rules         ${fmt(a.counts.rules)}`,
          `  Requirements  ${fmt(a.counts.requirements)}`,
          `  Checks        ${fmt(a.counts.checks)}`,
        ];
        if (bad.length) {
          lines.push('Failing rules:');
          for (const r of bad.slice(0, MAX_LISTED)) {
            const first = recorder.record().checks.find((c) => c.ruleId === r.id && c.verdict === r.verdict);
            lines.push(
              `  ${r.verdict.toUpperCase().padEnd(5)} ${r.id} (${r.requirements.join(', ')}): ${oneLine(first?.message ?? r.reason ?? '')}`,
            );
          }
          if (bad.length > MAX_LISTED) lines.push(`  … and ${bad.length - MAX_LISTED} more`);
        }
        if (opts.resultsDir)
          lines.push(`Results: ${opts.resultsDir} (report.html, summary.json, junit.xml, allure-results/)`);
        write(`${lines.join('\n')}\n`);
        break;
      }
    }
  };
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}
