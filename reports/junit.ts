import { aggregate } from './aggregate';
import { checkText } from './check-text';
import { escapeXml } from './escape';
import type { RunRecord } from './run-record';

/**
 * junit.xml: one testsuite per API, one testcase per rule. A failed rule carries a <failure>, a rule that could not be
 * checked an <error>, a skipped one <skipped>, so CI dashboards count them the way the exit code does.
 */
export function renderJunit(run: RunRecord): string {
  const a = aggregate(run);
  const byApi = new Map<string, typeof a.rules>();
  for (const r of a.rules) byApi.set(r.api, [...(byApi.get(r.api) ?? []), r]);
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const ruleTime = (id: string) =>
    run.checks
      .filter((c) => c.ruleId === id)
      .flatMap((c) => c.evidence.exchanges)
      .reduce((t, e) => t + e.durationMs, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const c = a.counts.rules;
  out.push(
    `<testsuites name="${escapeXml(`lso-harness ${run.started.suite.id}`)}" tests="${a.rules.length}" failures="${c.fail}" errors="${c.error}" skipped="${c.skip}" time="${seconds(run.finished?.durationMs ?? 0)}" timestamp="${escapeXml(run.started.at)}">`,
  );
  for (const [api, rules] of byApi) {
    const n = { fail: 0, error: 0, skip: 0 };
    for (const r of rules) if (r.verdict !== 'pass') n[r.verdict]++;
    out.push(
      `  <testsuite name="${escapeXml(api)}" tests="${rules.length}" failures="${n.fail}" errors="${n.error}" skipped="${n.skip}" timestamp="${escapeXml(run.started.at)}">`,
    );
    for (const r of rules) {
      out.push(
        `    <testcase classname="${escapeXml(`${run.started.suite.id}.${api}`)}" name="${escapeXml(`${r.id}: ${r.title}`)}" time="${seconds(ruleTime(r.id))}">`,
      );
      const bad = run.checks.filter((x) => x.ruleId === r.id && x.verdict === r.verdict);
      const first = bad[0]?.message ?? r.reason ?? '';
      const body = bad.length ? bad.map(checkText).join('\n\n') : (r.reason ?? '');
      if (r.verdict === 'fail')
        out.push(`      <failure message="${escapeXml(first)}" type="fail">${escapeXml(body)}</failure>`);
      if (r.verdict === 'error')
        out.push(`      <error message="${escapeXml(first)}" type="error">${escapeXml(body)}</error>`);
      if (r.verdict === 'skip') out.push(`      <skipped message="${escapeXml(first)}"/>`);
      out.push(
        `      <system-out>${escapeXml(`requirements: ${r.requirements.join(', ')}\nchecks: ${JSON.stringify(r.counts)}`)}</system-out>`,
      );
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
