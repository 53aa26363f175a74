import type { Violation } from '../../specs/index';
import type { Exchange } from '../../runtime/http/checking-client';
import type { StageExchange } from '../../runtime/http/stage';
import type { Verdict } from '../../runtime/events/verdicts';

export interface ContractOutcome {
  verdict: Exclude<Verdict, 'skip'>;
  message: string;
  violations: Violation[];
}

const FAILURE_TEXT: Record<string, string> = {
  timeout: 'the target did not answer in time',
  reset: 'the connection was reset or closed mid-exchange',
  refused: 'the connection was refused',
  protocol: 'the target did not answer with HTTP',
  network: 'the target could not be reached',
  auth: 'the harness could not obtain an access token',
};

/**
 * The contract verdict of one exchange. No response, an unusable request, or a schema that could not be applied is
 * `error`; a response that breaks the contract is `fail`; only a fully checked, conforming response is `pass`.
 */
export function contractVerdict(ex: Exchange): ContractOutcome {
  const f = ex.record.failure;
  if (f) return { verdict: 'error', message: `${FAILURE_TEXT[f.kind] ?? f.kind}: ${f.message}`, violations: [] };
  if (!ex.spec.negative && !ex.requestCheck.valid) {
    return {
      verdict: 'error',
      message:
        'the request the harness sent does not conform to the contract (check the profile fixtures), so the response proves nothing',
      violations: ex.requestCheck.violations,
    };
  }
  const r = ex.responseCheck!;
  if (r.violations.length) {
    return {
      verdict: 'fail',
      message: `${ex.spec.operationId} answered ${ex.status} in breach of the contract: ${r.violations[0].message}${r.violations.length > 1 ? ` (+${r.violations.length - 1} more)` : ''}`,
      violations: r.violations,
    };
  }
  if (r.unchecked.length) {
    return {
      verdict: 'error',
      message: `part of the response could not be checked: ${r.unchecked.map((u) => `${u.pointer || '/'} (${u.reason})`).join('; ')}`,
      violations: [],
    };
  }
  return {
    verdict: 'pass',
    message: `${ex.spec.operationId} answered ${ex.status} as the contract says`,
    violations: [],
  };
}

/**
 * The contract verdict of a request the target sent to the stage: `fail` when it breaks the contract (or matched no
 * operation), else `pass`. The stage's own answer is the harness's business, not the target's, so it is not judged here.
 */
export function requestVerdict(ex: StageExchange): ContractOutcome {
  const v = ex.record.requestViolations;
  const what = `${ex.record.request.method} ${ex.operationId ?? new URL(ex.record.request.url).pathname}`;
  if (v.length)
    return {
      verdict: 'fail',
      message: `${what} breaks the contract: ${v[0].message}${v.length > 1 ? ` (+${v.length - 1} more)` : ''}`,
      violations: v,
    };
  return { verdict: 'pass', message: `${what} conforms to the contract`, violations: [] };
}
