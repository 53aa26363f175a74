import { checkHistory, type StateMachine } from '../../specs/state-machines/machine';

export interface HistoryOutcome {
  ok: boolean;
  message: string;
  problems: ReturnType<typeof checkHistory>;
}

/**
 * Judges an observed state history with the state-machine oracle from specs/state-machines. `strict` for a
 * `stateChange[]` history or a notification sequence (direct transitions, no repeats), not for polled states.
 */
export function judgeHistory(machine: StateMachine, states: readonly string[], strict: boolean): HistoryOutcome {
  const problems = checkHistory(machine, states, { strict });
  if (!states.length) return { ok: false, message: `no ${machine.id} states were observed`, problems };
  if (!problems.length)
    return { ok: true, message: `${machine.id} history ${states.join(' → ')} is possible`, problems };
  const p = problems[0];
  return { ok: false, message: `${machine.id} history ${states.join(' → ')}: at ${p.index}, ${p.problem}`, problems };
}
