import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { apiNameFromFile } from '../../specs/catalogue/naming';
import { loadRequirements } from '../../specs/requirements';
import { locateSdk } from '../../specs/sdk/locate';
import {
  checkHistory,
  findTransition,
  fire,
  getStateMachine,
  isTerminal,
  reachableFrom,
  STATE_MACHINES,
  transitionsFrom,
  type StateMachine,
  type Transition,
} from '../../specs/state-machines';

const machines = Object.values(STATE_MACHINES);
const byId = machines.map((m) => [m.id, m] as const);
const sdk = locateSdk().dir;

// ---------------------------------------------------------------------------------------------------------------
// What the SDK says, read once

const yamlCache = new Map<string, any>();
function loadYaml(file: string): any {
  if (!yamlCache.has(file)) yamlCache.set(file, parse(readFileSync(join(sdk, file), 'utf8')));
  return yamlCache.get(file);
}

const sonataApiFiles = (readdirSync(join(sdk, 'sonata', 'productApi'), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => join('sonata', 'productApi', f));

const operationIds = new Set<string>();
const eventTypes = new Set<string>();
for (const file of sonataApiFiles) {
  const doc = loadYaml(file);
  for (const item of Object.values<any>(doc.paths ?? {})) {
    for (const op of Object.values<any>(item)) if (op?.operationId) operationIds.add(op.operationId);
  }
  for (const [name, schema] of Object.entries<any>(doc.components?.schemas ?? {})) {
    if (name.endsWith('EventType') && Array.isArray(schema.enum)) schema.enum.forEach((e: string) => eventTypes.add(e));
  }
}

const requirements = loadRequirements(sdk);

/** A local `#/components/schemas/…` reference resolved in `doc`; anything else as it is. */
function deref(doc: any, node: any): any {
  const ref: unknown = node?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  return deref(
    doc,
    ref
      .slice(2)
      .split('/')
      .reduce((n: any, k) => n?.[k], doc),
  );
}

/** The properties a component schema declares, through `allOf` and local references. */
function propertiesOf(doc: any, node: any): Record<string, any> {
  const schema = deref(doc, node);
  if (!schema || typeof schema !== 'object') return {};
  const inherited = (schema.allOf ?? []).map((part: any) => propertiesOf(doc, part));
  return Object.assign({}, ...inherited, schema.properties ?? {});
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const show = (t: Transition) => `${t.from ?? '(create)'} --${t.event}--> ${t.to}`;
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
const eventsOf = (m: StateMachine) => sorted(m.transitions.map((t) => t.event));
const nonTerminal = (m: StateMachine) => m.states.filter((s) => !isTerminal(m, s));
/** The machine id without its namespace: `sonata.productOrder` → `productOrder`. */
const localName = (m: StateMachine) => m.id.slice(m.id.indexOf('.') + 1);

/** The shortest path of states from creation to `target`, or undefined. */
function pathTo(m: StateMachine, target: string): string[] | undefined {
  const queue: string[][] = m.initial.map((s) => [s]);
  const seen = new Set(m.initial);
  for (let path = queue.shift(); path; path = queue.shift()) {
    const last = path[path.length - 1];
    if (last === target) return path;
    for (const t of transitionsFrom(m, last)) {
      if (!seen.has(t.to)) {
        seen.add(t.to);
        queue.push([...path, t.to]);
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------

describe.each(byId)('state machine %s: table', (_id, m) => {
  test('lists each state once, and names only listed states', () => {
    expect(m.states.length).toBe(new Set(m.states).size);
    const named = [...m.initial, ...m.terminal, ...m.transitions.flatMap((t) => (t.from ? [t.from, t.to] : [t.to]))];
    expect(named.filter((s) => !m.states.includes(s))).toEqual([]);
  });

  test('its initial states are exactly those a creation transition enters', () => {
    expect(sorted(transitionsFrom(m, null).map((t) => t.to))).toEqual(sorted(m.initial));
  });

  test('no terminal state has an outgoing transition', () => {
    expect(m.transitions.filter((t) => t.from !== null && isTerminal(m, t.from)).map(show)).toEqual([]);
  });

  test('every non-terminal state has a way out to another state', () => {
    const stuck = nonTerminal(m).filter((s) => !transitionsFrom(m, s).some((t) => t.to !== s));
    expect(stuck).toEqual([]);
  });

  test('every non-terminal state is reachable from an initial state', () => {
    const reached = new Set(m.initial.flatMap((s) => [s, ...reachableFrom(m, s)]));
    expect(nonTerminal(m).filter((s) => !reached.has(s))).toEqual([]);
  });

  test('every terminal state is reachable from an initial state', () => {
    const reached = new Set(m.initial.flatMap((s) => [s, ...reachableFrom(m, s)]));
    expect(m.terminal.filter((s) => !reached.has(s))).toEqual([]);
  });

  test('an event names at most one transition from each state', () => {
    const keys = m.transitions.map((t) => `${t.from ?? '(create)'} ${t.event}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  test(`its states are the spec enum ${m.stateEnum.schema} in ${m.stateEnum.file}`, () => {
    const schema = loadYaml(m.stateEnum.file).components?.schemas?.[m.stateEnum.schema];
    expect(Array.isArray(schema?.enum)).toBe(true);
    expect(sorted(m.states)).toEqual(sorted(schema.enum));
  });

  test('its id is namespaced by the SDK of its api, like an API id', () => {
    expect(m.id).toMatch(/^[a-z]+\.[A-Za-z]+$/);
    expect(m.id.split('.')[0]).toBe(m.api.split('.')[0]);
  });

  test(`its stateField ${m.stateField} is a property of ${m.entity}, typed by the state enum`, () => {
    const doc = loadYaml(m.stateEnum.file);
    const entity = propertiesOf(doc, { $ref: `#/components/schemas/${m.entity}` });
    expect(Object.keys(entity)).toContain(m.stateField);
    expect(JSON.stringify(entity[m.stateField])).toContain(`#/components/schemas/${m.stateEnum.schema}"`);
  });

  test('its history, if any, is a list on the entity whose entries carry the state and the date', () => {
    if (!m.history) return;
    const doc = loadYaml(m.stateEnum.file);
    const list = propertiesOf(doc, { $ref: `#/components/schemas/${m.entity}` })[m.history.field];
    expect(list?.type).toBe('array');
    const entry = propertiesOf(doc, list.items);
    expect(Object.keys(entry)).toEqual(expect.arrayContaining([m.history.key, m.history.dateKey ?? 'changeDate']));
    expect(JSON.stringify(entry[m.history.key])).toContain(`#/components/schemas/${m.stateEnum.schema}"`);
  });

  test('its api is the catalogue id of the spec file holding its state enum', () => {
    expect(m.api).toBe(`sonata.${apiNameFromFile(basename(m.stateEnum.file))}`);
  });

  test('every operationId is an operation of a Sonata API', () => {
    const ids = m.transitions.flatMap((t) => (t.operationId ? [t.operationId] : []));
    expect(ids.filter((id) => !operationIds.has(id))).toEqual([]);
  });

  test('only client transitions name an operation the client calls', () => {
    expect(m.transitions.filter((t) => t.operationId && t.actor !== 'client').map(show)).toEqual([]);
  });

  test('every notified event type is in a Sonata notification enum', () => {
    const types = m.transitions.flatMap((t) => t.notify ?? []);
    expect(types.filter((e) => !eventTypes.has(e))).toEqual([]);
  });

  test('notifies only event types about its own entity, so no event is sent twice by two machines', () => {
    const types = m.transitions.flatMap((t) => t.notify ?? []);
    expect(types.filter((e) => !e.startsWith(localName(m)))).toEqual([]);
  });

  test('every cited requirement is in its Developer Guide', () => {
    const cited = m.transitions.flatMap((t) => t.requirements ?? []);
    expect(cited.filter((key) => !requirements.byKey(key))).toEqual([]);
  });

  test('its PlantUML sources exist in the SDK', () => {
    const puml = m.source.filter((s) => s.endsWith('.puml'));
    expect(puml.length).toBeGreaterThan(0);
    expect(puml.filter((f) => !existsSync(join(sdk, f)))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

const allowedRows = machines.flatMap((m) => m.transitions.map((t) => [`${m.id}: ${show(t)}`, m, t] as const));

describe('fire takes every allowed transition', () => {
  test.each(allowedRows)('%s', (_name, m, t) => {
    const result = fire(m, t.from, t.event);
    expect(result).toEqual({ ok: true, to: t.to, transition: t });
    expect(findTransition(m, t.from, t.event)).toBe(t);
  });
});

const stateRows = machines.flatMap((m) =>
  [null, ...m.states].map((s) => [`${m.id}: ${s ?? '(create)'}`, m, s] as const),
);

describe('fire refuses every event not allowed from a state, and says why', () => {
  test.each(stateRows)('%s', (_name, m, state) => {
    const allowed = sorted(transitionsFrom(m, state).map((t) => t.event));
    const forbidden = eventsOf(m).filter((e) => !allowed.includes(e));
    const accepted: string[] = [];
    const badReasons: string[] = [];
    for (const event of forbidden) {
      const result = fire(m, state, event);
      if (result.ok) {
        accepted.push(event);
        continue;
      }
      const namesState = result.reason.includes(state === null ? '(creation)' : `"${state}"`);
      const namesAllowed =
        state !== null && isTerminal(m, state)
          ? result.reason.includes('terminal')
          : allowed.every((e) => result.reason.includes(e));
      if (!namesState || !namesAllowed || !result.reason.includes(event)) badReasons.push(result.reason);
    }
    expect(accepted).toEqual([]);
    expect(badReasons).toEqual([]);
  });

  test('an unknown state is refused by name', () => {
    const result = fire(STATE_MACHINES['sonata.productOrder'], 'shipped', 'complete');
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('unknown state "shipped"') });
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('checkHistory', () => {
  const order = getStateMachine('sonata.productOrder');

  test('strict: a skipped state is caught (productOrder acknowledged → completed)', () => {
    expect(checkHistory(order, ['acknowledged', 'completed'], { strict: true })).toEqual([
      { index: 1, from: 'acknowledged', to: 'completed', problem: expect.stringContaining('no direct transition') },
    ]);
  });

  test('strict: a full stateChange history is accepted', () => {
    const states = [
      'acknowledged',
      'inProgress',
      'held.assessingCharge',
      'inProgress',
      'pending.assessingModification',
    ];
    expect(checkHistory(order, [...states, 'inProgress', 'completed'], { strict: true })).toEqual([]);
  });

  test('strict: a repeated state is caught; lenient: it is allowed', () => {
    const states = ['acknowledged', 'inProgress', 'inProgress', 'completed'];
    expect(checkHistory(order, states, { strict: true })).toEqual([
      { index: 2, from: 'inProgress', to: 'inProgress', problem: expect.stringContaining('repeats') },
    ]);
    expect(checkHistory(order, states, { strict: false })).toEqual([]);
  });

  test.each([true, false])('strict=%s: leaving a terminal state is caught', (strict) => {
    expect(checkHistory(order, ['acknowledged', 'inProgress', 'completed', 'inProgress'], { strict })).toEqual([
      { index: 3, from: 'completed', to: 'inProgress', problem: expect.stringContaining('terminal') },
    ]);
  });

  test.each([true, false])('strict=%s: a wrong initial state is caught', (strict) => {
    expect(checkHistory(order, ['inProgress', 'completed'], { strict })).toEqual([
      { index: 0, from: null, to: 'inProgress', problem: expect.stringContaining('not an initial state') },
    ]);
  });

  test.each([true, false])('strict=%s: a state outside the enum is caught', (strict) => {
    expect(checkHistory(order, ['acknowledged', 'shipped', 'completed'], { strict })).toEqual([
      {
        index: 1,
        from: 'acknowledged',
        to: 'shipped',
        problem: expect.stringContaining('not a sonata.productOrder state'),
      },
    ]);
  });

  test('lenient: a polled history with gaps and repeats is accepted', () => {
    const polled = ['acknowledged', 'acknowledged', 'held.assessingCharge', 'completed', 'completed'];
    expect(checkHistory(order, polled, { strict: false })).toEqual([]);
    expect(checkHistory(order, polled, { strict: true })).not.toEqual([]);
  });

  test('lenient: a state that cannot follow is caught (productOrder inProgress → rejected)', () => {
    expect(checkHistory(order, ['acknowledged', 'inProgress', 'rejected'], { strict: false })).toEqual([
      { index: 2, from: 'inProgress', to: 'rejected', problem: expect.stringContaining('cannot be reached') },
    ]);
  });

  test('an empty history has nothing wrong with it', () => {
    expect(checkHistory(order, [], { strict: true })).toEqual([]);
  });

  const pathRows = machines.flatMap((m) => m.states.map((s) => [`${m.id}: ${s}`, m, s] as const));
  test.each(pathRows)('strict: the shortest path to %s is a valid history', (_name, m, state) => {
    const path = pathTo(m, state);
    expect(path).toBeDefined();
    expect(checkHistory(m, path!, { strict: true })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('getStateMachine', () => {
  test('returns a machine by id, and each machine is filed under its own id', () => {
    expect(getStateMachine('sonata.quoteItem')).toBe(STATE_MACHINES['sonata.quoteItem']);
    expect(byId.filter(([id, m]) => id !== m.id)).toEqual([]);
  });

  test('names the known ids when the id is unknown', () => {
    expect(() => getStateMachine('order')).toThrow(
      /unknown state machine "order"; known: .*sonata\.productOrder.*sonata\.troubleTicket/,
    );
  });

  test('a bare entity name is not an id: two protocols may both have a serviceOrder', () => {
    expect(() => getStateMachine('productOrder')).toThrow(
      /unknown state machine "productOrder"; known: .*sonata\.productOrder/,
    );
  });

  test('does not mistake an Object.prototype key for a machine', () => {
    expect(() => getStateMachine('toString')).toThrow(/unknown state machine/);
  });
});
