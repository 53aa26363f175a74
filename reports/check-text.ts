import type { CheckEvent } from '../runtime/events/events';
import { show } from './escape';

/**
 * A failed or errored check as plain text: message, expected/found, violations and the curl lines that reproduce the
 * exchanges. JUnit and Allure show this; the HTML report lays the same facts out as a page.
 */
export function checkText(c: Omit<CheckEvent, 'type'>): string {
  const lines = [`${c.verdict.toUpperCase()} ${c.ruleId}${c.step ? ` (step: ${c.step})` : ''}`, c.message];
  if (c.expected !== undefined) lines.push(`expected: ${show(c.expected)}`);
  if (c.found !== undefined) lines.push(`found: ${show(c.found)}`);
  for (const v of c.violations) {
    lines.push(
      `- ${v.in ?? 'body'} ${v.pointer || '/'} [${v.rule}] ${v.message}${v.specLocation ? ` (${v.specLocation})` : ''}`,
    );
  }
  for (const e of c.evidence.exchanges) {
    lines.push(
      `exchange ${e.id}: ${e.request.method} ${e.request.url} -> ${e.response ? e.response.status : `no response (${e.failure?.kind}: ${e.failure?.message})`}`,
    );
    lines.push(`reproduce: ${e.curl}`);
  }
  for (const n of c.evidence.notifications)
    lines.push(`notification ${n.id}: ${n.method} ${n.path} (${n.eventType ?? 'unknown type'})`);
  return lines.join('\n');
}
