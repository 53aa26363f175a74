import type {
  CheckEvent,
  RunEvent,
  RunFinished,
  RunStarted,
  ScenarioFinished,
  ScenarioStarted,
} from '../runtime/events/events';

/** A whole run folded from its event stream: what the file reporters render. */
export interface RunRecord {
  started: RunStarted;
  scenarios: Array<{ started?: ScenarioStarted; finished?: ScenarioFinished; id: string }>;
  checks: CheckEvent[];
  finished?: RunFinished;
}

/** Folds events as they come; `record()` is valid once `run-started` has been seen. */
export class RunRecorder {
  private started?: RunStarted;
  private readonly scenarios = new Map<
    string,
    { started?: ScenarioStarted; finished?: ScenarioFinished; id: string }
  >();
  private readonly checks: CheckEvent[] = [];
  private finished?: RunFinished;

  onEvent = (e: RunEvent): void => {
    switch (e.type) {
      case 'run-started':
        this.started = e;
        for (const s of e.scenarios) this.scenarios.set(s.id, { id: s.id });
        break;
      case 'scenario-started':
        this.scenario(e.scenarioId).started = e;
        break;
      case 'scenario-finished':
        this.scenario(e.scenarioId).finished = e;
        break;
      case 'check':
        this.checks.push(e);
        break;
      case 'run-finished':
        this.finished = e;
        break;
      case 'step-started':
        break;
    }
  };

  record(): RunRecord {
    if (!this.started) throw new Error('no run-started event was received');
    return {
      started: this.started,
      scenarios: [...this.scenarios.values()],
      checks: this.checks,
      finished: this.finished,
    };
  }

  private scenario(id: string) {
    let s = this.scenarios.get(id);
    if (!s) this.scenarios.set(id, (s = { id }));
    return s;
  }
}

/** Folds a complete list of events (tests, or a saved events.jsonl). */
export function recordOf(events: readonly RunEvent[]): RunRecord {
  const r = new RunRecorder();
  for (const e of events) r.onEvent(e);
  return r.record();
}
