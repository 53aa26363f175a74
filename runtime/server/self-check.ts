import type { Contracts, ValidationResult, Violation } from '../../specs';
import { getDefect } from '../../specs/defects';
import type { Logger } from '../../lib/logger';

/**
 * Places where the SDK contract contradicts itself so that no faithful implementation can satisfy it, each named by
 * its entry in the defect registry (specs/defects.ts). The mock answers as the guides intend, and its self-check
 * tolerates exactly these findings on exactly these operations.
 */
export interface ToleratedFinding {
  defectId: string;
  apiId: string;
  operationId: string;
  matches: (v: Violation) => boolean;
}

export const TOLERATED: readonly ToleratedFinding[] = [
  {
    // The list item requires dates an open ticket cannot have, and an externalId the Buyer need not send.
    defectId: 'SDK-TT-FIND-REQUIRED',
    apiId: 'sonata.troubleTicket',
    operationId: 'listTroubleTicket',
    matches: (v) =>
      v.rule === 'required' && /^\/\d+\/(expectedResolutionDate|externalId|resolutionDate)$/.test(v.pointer),
  },
  {
    // A paged list typed as one object: the mock answers a list, like every other list operation.
    defectId: 'SDK-WORKORDER-LIST-OBJECT',
    apiId: 'sonata.workorder',
    operationId: 'listWorkOrder',
    matches: (v) => v.pointer === '' && v.rule === 'type',
  },
];

// Fails at load if a tolerated finding names no registered defect.
for (const t of TOLERATED) getDefect(t.defectId);

export interface SelfCheckFailure {
  what: 'response' | 'notification';
  apiId: string;
  operationId: string;
  status?: number;
  violations: Violation[];
  unchecked: ValidationResult['unchecked'];
}

/**
 * The mock checking itself against the contract: every response it sends and every event it announces. A violation
 * is a bug in the mock, so it is logged as an error and kept for the control API and the tests to fail on.
 */
export class SelfCheck {
  private readonly found: SelfCheckFailure[] = [];

  constructor(
    private readonly contracts: Contracts,
    private readonly strict: boolean,
    private readonly log: Logger,
  ) {}

  response(
    apiId: string,
    operationId: string,
    res: { status: number; body?: unknown; headers?: Record<string, string> },
  ): ValidationResult {
    const r = this.contracts.validateResponse(
      apiId,
      operationId,
      {
        status: res.status,
        body: res.body,
        headers: res.headers,
        contentType: res.body === undefined ? undefined : 'application/json;charset=utf-8',
      },
      { strict: this.strict },
    );
    return this.record('response', apiId, operationId, r, res.status);
  }

  notification(apiId: string, operationId: string, body: unknown): ValidationResult {
    const r = this.contracts.validateRequest(
      apiId,
      operationId,
      { body, contentType: 'application/json;charset=utf-8' },
      { strict: this.strict },
    );
    return this.record('notification', apiId, operationId, r);
  }

  failures(): SelfCheckFailure[] {
    return [...this.found];
  }

  clear(): void {
    this.found.length = 0;
  }

  private record(
    what: SelfCheckFailure['what'],
    apiId: string,
    operationId: string,
    r: ValidationResult,
    status?: number,
  ): ValidationResult {
    if (r.valid) return r;
    const tolerated = TOLERATED.filter((t) => t.apiId === apiId && t.operationId === operationId);
    const violations = r.violations.filter((v) => !tolerated.some((t) => t.matches(v)));
    const valid = violations.length === 0 && r.unchecked.length === 0;
    if (valid) return { ...r, valid, violations };
    const failure: SelfCheckFailure = { what, apiId, operationId, status, violations, unchecked: r.unchecked };
    this.found.push(failure);
    this.log.error(
      { selfCheck: failure },
      `self-check: the mock sent a ${what} that breaks the contract of ${apiId} ${operationId}`,
    );
    return { ...r, valid, violations };
  }
}
