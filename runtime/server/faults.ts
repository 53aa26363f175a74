/**
 * HTTP faults a mock injects on demand, so a Buyer can test its timeouts and retries: added latency, and errors
 * for the next N requests or at a rate, optionally only for one API or operation. Set through the control API or,
 * for one request, the `X-LSO-Fault` header.
 */
export interface HttpFaults {
  latencyMs?: number;
  /** Fail the next N matching requests. */
  failNext?: number;
  /** Probability (0–1) that a matching request fails. */
  errorRate?: number;
  /** Status of an injected failure: 500 (the MEF `internalError`) unless told otherwise. */
  errorStatus?: number;
  apiId?: string;
  operationId?: string;
}

export interface FaultDecision {
  latencyMs: number;
  failStatus?: number;
}

/**
 * Reads `X-LSO-Fault: status=503`, `latency=250` or both (`status=500, latency=100`). Unknown parts are ignored:
 * a fault header never turns into an error of its own.
 */
export function parseFaultHeader(value: string | undefined): Partial<FaultDecision> {
  if (!value) return {};
  const out: Partial<FaultDecision> = {};
  for (const part of value.split(/[;,]/)) {
    const m = /^\s*(status|latency)\s*=\s*(\d+)\s*$/i.exec(part);
    if (!m) continue;
    if (m[1].toLowerCase() === 'status') out.failStatus = Number(m[2]);
    else out.latencyMs = Number(m[2]);
  }
  return out;
}

export class FaultInjector {
  private faults: HttpFaults = {};

  set(f: HttpFaults): void {
    this.faults = { ...f };
  }

  get(): HttpFaults {
    return { ...this.faults };
  }

  clear(): void {
    this.faults = {};
  }

  /** What to do to this request; consumes one `failNext`. */
  decide(apiId: string, operationId: string, header: string | undefined): FaultDecision {
    const f = this.faults;
    const fromHeader = parseFaultHeader(header);
    const applies = (!f.apiId || f.apiId === apiId) && (!f.operationId || f.operationId === operationId);
    let failStatus = fromHeader.failStatus;
    if (failStatus === undefined && applies) {
      if (f.failNext && f.failNext > 0) {
        f.failNext--;
        failStatus = f.errorStatus ?? 500;
      } else if (f.errorRate && Math.random() < f.errorRate) failStatus = f.errorStatus ?? 500;
    }
    return { latencyMs: fromHeader.latencyMs ?? (applies ? (f.latencyMs ?? 0) : 0), failStatus };
  }
}
