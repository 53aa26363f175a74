import type { Violation } from '../specs/index';
import type { ExchangeRecord, NotificationRecord } from '../runtime/events/evidence';
import type { CheckEvent } from '../runtime/events/events';
import { escapeHtml as e, show } from './escape';

const headers = (h: Record<string, string>) =>
  Object.entries(h)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');

export function violationsTable(vs: readonly Violation[]): string {
  if (!vs.length) return '';
  const rows = vs
    .map(
      (v) =>
        `<tr><td>${e(v.in ?? 'body')}</td><td><code>${e(v.pointer || '/')}</code></td><td>${e(v.rule)}</td><td>${e(v.message)}</td><td><pre>${e(show(v.expected))}</pre></td><td><pre>${e(show(v.found))}</pre></td><td class="muted">${e(v.specLocation ?? '')}</td></tr>`,
    )
    .join('');
  return `<table class="violations"><tr><th>in</th><th>pointer</th><th>rule</th><th>problem</th><th>expected</th><th>found</th><th>spec</th></tr>${rows}</table>`;
}

export function exchangeHtml(x: ExchangeRecord): string {
  const res = x.response
    ? `<details><summary>Response: ${e(x.response.status)}${x.response.truncated ? ' (body truncated)' : ''}</summary><pre>${e(headers(x.response.headers))}</pre>${x.response.body ? `<pre>${e(x.response.body)}</pre>` : '<p class="muted">no body</p>'}</details>`
    : `<p><span class="badge error">no response</span> ${e(x.failure?.kind)}: ${e(x.failure?.message)}</p>`;
  return `<div class="exchange" id="${e(x.id)}">
<h4>${e(x.id)}: ${e(x.request.method)} <code>${e(x.request.url)}</code> <span class="muted">${e(x.api ?? '')} ${e(x.operationId ?? '')}, ${e(x.durationMs)} ms</span></h4>
<p>Reproduce:</p><pre class="curl">${e(x.curl)}</pre>
<details><summary>Request</summary><pre>${e(headers(x.request.headers))}</pre>${x.request.body !== undefined ? `<pre>${e(x.request.body)}</pre>` : ''}</details>
${res}
${x.requestViolations.length ? `<p>The request itself broke the contract:</p>${violationsTable(x.requestViolations)}` : ''}
</div>`;
}

export function notificationHtml(n: NotificationRecord): string {
  return `<div class="notification" id="${e(n.id)}">
<h4>${e(n.id)}: ${e(n.method)} <code>${e(n.path)}</code> <span class="muted">${e(n.eventType ?? '')} ${n.entityId ? `about ${e(n.entityId)}` : ''} received ${e(n.receivedAt)}</span></h4>
<details><summary>Notification</summary><pre>${e(headers(n.headers))}</pre><pre>${e(n.body)}</pre></details>
</div>`;
}

export function checkHtml(c: Omit<CheckEvent, 'type'>, ruleTitle: string, requirements: readonly string[]): string {
  const ef =
    c.expected !== undefined || c.found !== undefined
      ? `<table><tr><th>expected</th><th>found</th></tr><tr><td><pre>${e(show(c.expected))}</pre></td><td><pre>${e(show(c.found))}</pre></td></tr></table>`
      : '';
  return `<article class="check ${e(c.verdict)}" id="check-${e(c.seq)}">
<h3><span class="badge ${e(c.verdict)}">${e(c.verdict)}</span> <code>${e(c.ruleId)}</code> ${e(ruleTitle)}</h3>
<p class="muted">Requirements: ${e(requirements.join(', '))} · scenario <code>${e(c.scenarioId)}</code>${c.step ? ` · step “${e(c.step)}”` : ''}</p>
<p class="message">${e(c.message)}</p>
${ef}${violationsTable(c.violations)}
${c.evidence.exchanges.map(exchangeHtml).join('\n')}
${c.evidence.notifications.map(notificationHtml).join('\n')}
</article>`;
}
