/**
 * MEF lifecycles as data, plus the few functions that read them. The stateful mocks move state with `fire`; the
 * conformance suites use `checkHistory` as the oracle for `stateChange[]` histories, notification sequences and polls.
 */

/**
 * Who moves the state, by role rather than by MEF party, so one table serves every API: `client` is the party that
 * calls the API (a Sonata Buyer, a Legato business application), `server` the party that serves it (a Sonata
 * Seller, a Presto controller), `system` a timer or a consequence of another entity's lifecycle.
 */
export type Actor = 'client' | 'server' | 'system';

export interface Transition {
  /** `null` is creation: the resource comes into being in `to`. */
  from: string | null;
  to: string;
  /** Name used by the mocks' control API; unique among the transitions leaving `from`. */
  event: string;
  /** `client` transitions follow an API call, `server` ones are the server's decision. */
  actor: Actor;
  /** The client's API call that triggers it, as the operationId in the spec. */
  operationId?: string;
  /**
   * The event types the server sends for this transition to a subscribed client. The synchronous 201 stands in for
   * the creation notification where the API says so, and then no type is listed for creation. An event about
   * another resource is listed on that resource's machine: a raised charge brings chargeCreateEvent through `charge`.
   */
  notify?: string[];
  /** e.g. `MEF123 R45`: the guide number and the requirement label, as in the guide. */
  requirements?: string[];
  note?: string;
}

export interface StateMachine {
  /** `<sdk>.<entity name>`, namespaced like API ids, e.g. `sonata.productOrder`; the sdk is that of `api`. */
  id: string;
  /** API catalogue id, e.g. `sonata.productOrder` */
  api: string;
  /** The schema the state belongs to, e.g. `ProductOrder` */
  entity: string;
  /**
   * The property of `entity` that holds the state: MEF names it `state`, `status` or `lifecycleStatus` depending
   * on the API, and whoever moves or reads the state (a mock, a suite) takes the name from here.
   */
  stateField: string;
  /** How the entity records its own history, when its schema has one; absent when only polls can show it. */
  history?: StateHistory;
  /** Where the state enum is defined: the spec file relative to the SDK root and its `components.schemas` name. */
  stateEnum: { file: string; schema: string };
  states: readonly string[];
  initial: readonly string[];
  terminal: readonly string[];
  transitions: readonly Transition[];
  /** The PlantUML files (relative to the SDK root) and guide sections the table was taken from. */
  source: string[];
}

/** Where an entity lists the states it went through, e.g. `stateChange: [{ state, changeDate }]`. */
export interface StateHistory {
  /** The property of the entity holding the list, e.g. `stateChange`, `statusChange`, `statusTransition`. */
  field: string;
  /** The property of an entry naming the state reached, e.g. `state`. */
  key: string;
  /** The property of an entry holding the date of the change; `changeDate` when absent. */
  dateKey?: string;
}

/** The same transition from each of several states, e.g. a cancel allowed from any working state. */
export function fromEach(states: readonly string[], t: Omit<Transition, 'from'>): Transition[] {
  return states.map((from) => ({ from, ...t }));
}

export type FireResult = { ok: true; to: string; transition: Transition } | { ok: false; reason: string };

export interface HistoryProblem {
  index: number;
  from: string | null;
  to: string;
  problem: string;
}

export function transitionsFrom(m: StateMachine, state: string | null): Transition[] {
  return m.transitions.filter((t) => t.from === state);
}

export function findTransition(m: StateMachine, from: string | null, event: string): Transition | undefined {
  return m.transitions.find((t) => t.from === from && t.event === event);
}

export function isTerminal(m: StateMachine, state: string): boolean {
  return m.terminal.includes(state);
}

const label = (state: string | null) => (state === null ? '(creation)' : `"${state}"`);

/** Applies `event` to a resource in state `from` (`null` to create one). */
export function fire(m: StateMachine, from: string | null, event: string): FireResult {
  if (from !== null && !m.states.includes(from)) {
    return { ok: false, reason: `${m.id}: unknown state "${from}"; states are ${m.states.join(', ')}` };
  }
  const transition = findTransition(m, from, event);
  if (transition) return { ok: true, to: transition.to, transition };
  const allowed = [...new Set(transitionsFrom(m, from).map((t) => t.event))];
  const where = `${m.id}: event "${event}" is not allowed from ${label(from)}`;
  if (from !== null && isTerminal(m, from))
    return { ok: false, reason: `${where}, a terminal state; no events are allowed` };
  return { ok: false, reason: `${where}; allowed events: ${allowed.join(', ')}` };
}

const reachableCache = new WeakMap<StateMachine, Map<string, Set<string>>>();

/** States reachable from `state` by one or more transitions. */
export function reachableFrom(m: StateMachine, state: string): ReadonlySet<string> {
  let byState = reachableCache.get(m);
  if (!byState) reachableCache.set(m, (byState = new Map()));
  let seen = byState.get(state);
  if (!seen) {
    seen = new Set<string>();
    const queue = [state];
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      for (const t of transitionsFrom(m, s)) {
        if (!seen.has(t.to)) {
          seen.add(t.to);
          queue.push(t.to);
        }
      }
    }
    byState.set(state, seen);
  }
  return seen;
}

export interface CheckHistoryOptions {
  /**
   * `true` for `stateChange[]` histories and notification sequences: each step is one direct transition and no state
   * repeats. `false` for polled states, which can miss intermediate states or see the same one twice.
   */
  strict: boolean;
}

/** The oracle: what is wrong with a sequence of observed states, oldest first. An empty list means it is possible. */
export function checkHistory(
  m: StateMachine,
  states: readonly string[],
  { strict }: CheckHistoryOptions,
): HistoryProblem[] {
  const problems: HistoryProblem[] = [];
  for (const [index, to] of states.entries()) {
    const from = index === 0 ? null : states[index - 1];
    const problem = stepProblem(m, from, to, strict);
    if (problem) problems.push({ index, from, to, problem });
  }
  return problems;
}

function stepProblem(m: StateMachine, from: string | null, to: string, strict: boolean): string | undefined {
  if (!m.states.includes(to)) return `"${to}" is not a ${m.id} state`;
  if (from === null) {
    return m.initial.includes(to)
      ? undefined
      : `"${to}" is not an initial state; a ${m.id} starts in ${m.initial.join(' or ')}`;
  }
  if (!m.states.includes(from)) return undefined; // reported at the previous index
  if (from === to) return strict ? `"${to}" repeats; a state change history never repeats a state` : undefined;
  if (isTerminal(m, from)) return `leaves the terminal state "${from}"`;
  if (strict) {
    if (m.transitions.some((t) => t.from === from && t.to === to)) return undefined;
    const next = [...new Set(transitionsFrom(m, from).map((t) => t.to))];
    return `no direct transition from "${from}" to "${to}"; "${from}" moves only to ${next.join(', ')}`;
  }
  return reachableFrom(m, from).has(to) ? undefined : `"${to}" cannot be reached from "${from}"`;
}
