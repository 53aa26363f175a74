import type { Verdict, VerdictCounts } from '../runtime/events/verdicts';
import { aggregate } from './aggregate';
import { escapeHtml as e } from './escape';
import { checkHtml } from './html-evidence';
import { REPORT_CSS } from './html-style';
import type { RunRecord } from './run-record';

const badge = (v: Verdict) => `<span class="badge ${v}" data-verdict="${v}">${v}</span>`;

/**
 * report.html: one self-contained page a certifier reads. Verdict counts first, then every API's requirements with
 * their rules, then each failure and error with expected, found, evidence and the curl line that reproduces it.
 * Nothing is loaded from elsewhere and every value from the run is escaped.
 */
export function renderHtml(run: RunRecord): string {
  const a = aggregate(run);
  const s = run.started;
  const rulesById = new Map(s.rules.map((r) => [r.id, r]));
  const verdictOf = new Map(a.rules.map((r) => [r.id, r]));
  const countsRow = (label: string, key: string, c: VerdictCounts) =>
    `<tr><th>${label}</th>${(['pass', 'fail', 'error', 'skip'] as const).map((v) => `<td class="n ${c[v] ? v : ''}" id="count-${key}-${v}">${c[v]}</td>`).join('')}</tr>`;
  const sdk = s.sdk.sources
    ? Object.entries(s.sdk.sources)
        .map(([k, v]) => `${e(k)}: ${e(v.repo)} @ <code>${e(v.commit)}</code>`)
        .join('<br>')
    : 'unknown (the SDK folder has no SOURCES file)';
  const apis = [...new Set(s.rules.map((r) => r.api))];
  const byApi = apis
    .map((api) => {
      const reqs = a.requirements.filter((q) => q.rules.some((id) => rulesById.get(id)?.api === api));
      const rows = reqs
        .map((q) => {
          const rules = q.rules
            .filter((id) => rulesById.get(id)?.api === api)
            .map(
              (id) =>
                `${badge(verdictOf.get(id)!.verdict)} <code>${e(id)}</code> ${e(rulesById.get(id)!.title)}${verdictOf.get(id)!.reason ? ` <span class="muted">(${e(verdictOf.get(id)!.reason)})</span>` : ''}`,
            )
            .join('<br>');
          return `<tr class="requirement" data-key="${e(q.key)}"><td><b>${e(q.key)}</b><br><span class="muted">${e(q.level)}</span></td><td>${badge(q.verdict)}</td><td class="req-text">${e(q.text)}<br><span class="muted">${e(q.section)}</span></td><td>${rules}</td></tr>`;
        })
        .join('\n');
      return `<h3>${e(api)}</h3><table><tr><th>Requirement</th><th>Verdict</th><th>Text</th><th>Rules</th></tr>${rows}</table>`;
    })
    .join('\n');
  const bad = run.checks.filter((c) => c.verdict === 'fail' || c.verdict === 'error');
  const failures = bad.length
    ? bad
        .map((c) =>
          checkHtml(
            c,
            rulesById.get(c.ruleId)?.title ?? '',
            rulesById.get(c.ruleId)?.requirements.map((q) => q.key) ?? [],
          ),
        )
        .join('\n')
    : '<p>None.</p>';
  const unchecked = a.rules
    .filter((r) => r.reason)
    .map((r) => `<li>${badge(r.verdict)} <code>${e(r.id)}</code>: ${e(r.reason)}</li>`)
    .join('');
  const skipped = run.checks
    .filter((c) => c.verdict === 'skip')
    .map((c) => `<li><code>${e(c.ruleId)}</code>: ${e(c.message)}</li>`)
    .join('');
  const defects = run.finished?.defects.known.length
    ? `<ul>${run.finished.defects.known.map((d) => `<li><b>${e(d.id)}</b> ${e(d.title)}: ${e(d.handling)} <span class="muted">(${run.finished!.defects.applied.filter((x) => x.defectId === d.id).length} places)</span></li>`).join('')}</ul>`
    : '<p>None applied.</p>';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(s.suite.title)}: ${e(a.verdict)} (${e(s.target.name ?? s.target.profile)})</title><style>${REPORT_CSS}</style></head>
<body>
<header>
<h1>${e(s.suite.title)} <span class="muted">(${e(s.suite.id)})</span></h1>
<p id="overall" class="badge ${a.verdict}" data-verdict="${a.verdict}">Overall: ${a.verdict}</p>
<table class="meta">
<tr><th>Target</th><td>${e(s.target.name ?? '(unnamed)')} ${e(s.target.version ?? '')}<br><span class="muted">${Object.entries(
    s.target.baseUrls,
  )
    .map(([k, v]) => `${e(k)}: ${e(v)}`)
    .join('<br>')}</span></td></tr>
<tr><th>Profile</th><td>${e(s.target.profile)}</td></tr>
<tr><th>Run</th><td>${e(s.runId)}, started ${e(s.at)}, ${e(run.finished?.durationMs ?? 0)} ms${run.finished?.bailed ? ', stopped early (--bail)' : ''}</td></tr>
<tr><th>Options</th><td>strict: ${e(s.options.strict)}, bail: ${e(s.options.bail)}${s.options.only.length ? `, only: ${e(s.options.only.join(', '))}` : ''}${s.options.grep ? `, grep: ${e(s.options.grep)}` : ''}</td></tr>
<tr><th>Harness</th><td>${e(s.harness.name)} ${e(s.harness.version)}</td></tr>
<tr><th>MEF SDK</th><td>release ${e(s.sdk.release ?? 'unknown')}<br>${sdk}</td></tr>
</table>
</header>
<section id="verdicts"><h2>Verdicts</h2>
<table class="counts"><tr><th></th><th>pass</th><th>fail</th><th>error</th><th>skip</th></tr>
${countsRow('Rules', 'rules', a.counts.rules)}${countsRow('Requirements', 'requirements', a.counts.requirements)}${countsRow('Checks', 'checks', a.counts.checks)}
</table>
<p class="muted">error = could not be checked (no answer, garbage, a scenario that stopped early); skip = not applicable (capability not claimed). Neither counts as a pass.</p>
</section>
<section id="by-api"><h2>By API and requirement</h2>${byApi}</section>
<section id="failures"><h2>Failures and errors (${bad.length})</h2>${failures}</section>
${unchecked ? `<section id="unchecked"><h2>Rules never checked</h2><ul>${unchecked}</ul></section>` : ''}
${skipped ? `<section id="skipped"><h2>Skipped</h2><ul>${skipped}</ul></section>` : ''}
<section id="defects"><h2>Known MEF SDK defects that applied</h2>${defects}</section>
<footer class="muted"><p>Generated by ${e(s.harness.name)} ${e(s.harness.version)}.</p></footer>
</body></html>
`;
}
