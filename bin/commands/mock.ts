import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../lib/errors';
import { boundHeapGrowth } from '../../lib/heap';
import { createLogger, type LogLevel } from '../../lib/logger';

export interface MockArgs {
  api: string;
  port: number;
  host: string;
  seed?: string;
  profile: string;
  store?: string;
  strict: boolean;
  multiPartner: boolean;
  buyers?: string[];
  stateless: boolean;
  selfCheck: boolean;
  clockRate: number;
  retain?: number;
  sdk?: string;
  logLevel: LogLevel;
}

/** What the command touches besides its arguments; tests replace it. */
export interface MockIo {
  out: (s: string) => void;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: () => Promise<string>;
  /** The process runs nothing but this mock, so its heap may be tuned for it (lib/heap.ts). */
  ownProcess?: boolean;
}

const SELLER = 'sonata-seller';
const PRESTO = 'presto-controller';

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

function table(rows: Array<[string, string]>): string {
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}\n`).join('');
}

/**
 * Starts the mock, prints where each API is, and serves until SIGINT/SIGTERM, then shuts down cleanly (in-flight
 * requests finish, the store is closed). Modules are loaded here, not at import, so `lso --help` stays fast.
 */
export async function runMockCommand(argv: MockArgs, io: MockIo): Promise<void> {
  for (const [flag, v] of [
    ['--seed', argv.seed],
    ['--store', argv.store],
    ['--sdk', argv.sdk],
  ] as const) {
    if (v !== undefined && !v.trim()) throw new UsageError(`${flag} needs a value`);
  }
  if (!Number.isInteger(argv.port) || argv.port < 0 || argv.port > 65535)
    throw new UsageError(`--port must be 0–65535, got ${argv.port}`);
  if (argv.retain !== undefined && !(Number.isInteger(argv.retain) && argv.retain >= 0))
    throw new UsageError(`--retain must be a whole number ≥ 0, got ${argv.retain}`);
  const logger = createLogger({ level: argv.logLevel, name: 'lso-mock' });
  let served: {
    url: string;
    baseUrls: Record<string, string>;
    close: () => Promise<void>;
    extra: Array<[string, string]>;
    title: string;
  };
  if (argv.stateless) {
    const { buildStatelessMock } = require('../../mocks/stateless') as typeof import('../../mocks/stateless');
    const names = argv.api === SELLER ? ['sonata'] : argv.api.split(',').map((s) => s.trim());
    const m = await buildStatelessMock({ apis: names, port: argv.port, host: argv.host, sdk: argv.sdk });
    served = { ...m, extra: [], title: `lso mock ${argv.api} --stateless (answers from the spec alone, no state)` };
  } else if (argv.api === PRESTO) {
    if (argv.multiPartner || argv.buyers)
      throw new UsageError(`${PRESTO} has one tenant: --multi-partner does not apply`);
    const { buildPrestoController } =
      require('../../mocks/presto-controller') as typeof import('../../mocks/presto-controller');
    if (io.ownProcess) boundHeapGrowth();
    const m = await buildPrestoController({
      port: argv.port,
      host: argv.host,
      seed: argv.seed,
      profile: argv.profile,
      store: argv.store,
      strict: argv.strict,
      clockRate: argv.clockRate,
      sdk: argv.sdk,
      logger,
    });
    served = {
      ...m,
      baseUrls: { restconf: `${m.url}/restconf` },
      extra: [['control API', `${m.url}${m.controlPrefix}`]],
      title: `lso mock ${PRESTO}: RESTCONF (RFC 8040${argv.strict ? ' only, strict' : ', Swagger and ODL URL forms too'}), profile ${argv.profile}, ${argv.store ? `store ${argv.store}` : 'in-memory store'}`,
    };
  } else {
    if (argv.api !== SELLER)
      throw new UsageError(
        `'${argv.api}' has no stateful mock; stateful: ${SELLER}, ${PRESTO}. Serve any catalogue API from its spec alone with: lso mock ${argv.api} --stateless`,
      );
    const { buildSellerMock } = require('../../mocks/sonata-seller') as typeof import('../../mocks/sonata-seller');
    // Not in tests that call this function in-process: only the `lso` process is the mock's own.
    if (io.ownProcess) boundHeapGrowth();
    const m = await buildSellerMock({
      port: argv.port,
      host: argv.host,
      seed: argv.seed,
      profile: argv.profile,
      store: argv.store,
      strict: argv.strict,
      multiPartner: argv.multiPartner,
      buyers: argv.buyers,
      selfCheck: argv.selfCheck,
      clockRate: argv.clockRate,
      retain: argv.retain,
      sdk: argv.sdk,
      logger,
    });
    served = {
      ...m,
      extra: [['control API', `${m.url}${m.controlPrefix}`]],
      title: `lso mock ${SELLER}: profile ${argv.profile}, ${argv.store ? `store ${argv.store}` : 'in-memory store'}${argv.multiPartner ? ', multi-partner' : ''}${argv.strict ? ', strict' : ''}`,
    };
  }
  io.out(`${served.title}\n${table([...Object.entries(served.baseUrls), ...served.extra])}Ctrl-C to stop.\n`);
  const sig = await io.stopSignal();
  await served.close();
  io.out(`stopped (${sig})\n`);
}

export const mockCommand: CommandModule<object, MockArgs> = {
  command: 'mock <api>',
  describe: `Serve a mock: ${SELLER} (stateful Sonata Seller), ${PRESTO} (stateful Presto NRP controller over RESTCONF), or any catalogue API from its spec alone with --stateless`,
  builder: (y: Argv) =>
    y
      .positional('api', {
        type: 'string',
        demandOption: true,
        describe: `${SELLER}, ${PRESTO}, or with --stateless an API id (legato.serviceOrdering), several (a,b) or an SDK name (cantata)`,
      })
      .option('port', {
        type: 'number',
        default: 8080,
        requiresArg: true,
        describe: 'Port to listen on (0: any free port)',
      })
      .option('host', {
        type: 'string',
        default: '127.0.0.1',
        requiresArg: true,
        describe: 'Address to bind (0.0.0.0 for every interface)',
      })
      .option('seed', {
        type: 'string',
        requiresArg: true,
        describe:
          'Seed file (JSON; sonata-seller: addresses, sites, products, catalog; presto-controller: a topology); default: the built-in seed',
      })
      .option('profile', {
        type: 'string',
        default: 'fast',
        choices: ['fast', 'realistic'],
        describe:
          'How long fulfilment takes: seconds (fast) or days of virtual time (realistic); presto-controller: 2 s or 1 min per node',
      })
      .option('store', {
        type: 'string',
        requiresArg: true,
        describe: 'Keep all state in this SQLite file, so a restart loses nothing (default: in memory)',
      })
      .option('strict', {
        type: 'boolean',
        default: false,
        describe:
          'Unknown properties and query parameters are errors, not warnings; presto-controller: RFC 8040 URLs and RFC 7951 JSON only',
      })
      .option('multi-partner', {
        type: 'boolean',
        default: false,
        describe: 'buyerId required on every call; each Buyer sees only its own entities',
      })
      .option('buyers', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'With --multi-partner: the Buyers allowed (others get 403)',
      })
      .option('stateless', {
        type: 'boolean',
        default: false,
        describe: 'Answer from the spec alone through prism-http (any catalogue API, no state)',
      })
      .option('self-check', {
        type: 'boolean',
        default: false,
        describe: "Check the mock's own responses and events against the contract; violations are logged as errors",
      })
      .option('clock-rate', {
        type: 'number',
        default: 1,
        requiresArg: true,
        describe: 'Virtual ms per real ms (0 freezes time; advance it with POST /_lso/clock/advance)',
      })
      .option('retain', {
        type: 'number',
        requiresArg: true,
        describe:
          'Most entities of one kind kept; the oldest (finished first) are forgotten past it. Default 1000 in memory, all with --store; 0 keeps all',
      })
      .option('sdk', {
        type: 'string',
        requiresArg: true,
        describe: 'SDK folder (default: LSO_SDK_DIR, ../shared/mef-sdk, user cache)',
      })
      .option('log-level', {
        type: 'string',
        default: 'warn',
        choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
        describe: 'Log level (JSON lines on stderr)',
      })
      .epilogue(
        [
          'Control API of sonata-seller, under /_lso (GET /_lso lists it all):',
          '  POST /clock/advance {"by":"2h"}     move virtual time, run what falls due',
          '  POST /outcomes {"kind","outcome"}   outcome of the next entity created',
          '  POST /entities/:kind/:id/events/:e  fire any allowed transition now',
          '  PUT  /faults                        latency, 5xx, dropped/duplicated/',
          '                                      reordered notifications',
          '  POST /seed  POST /reset  GET /journal  GET /deliveries  GET /self-check',
          'Per request: X-LSO-Outcome: <outcome> on a create,',
          '             X-LSO-Fault: status=503 or latency=200.',
          'Memory (sonata-seller): the heap grows at most 75 % past what is live; a heap',
          "flag in NODE_OPTIONS wins (--heap-growing-percent=0: V8's own growth).",
          'presto-controller: RPCs under /restconf/operations, the tapi-common:context tree',
          'under /restconf/data; the same control API (POST /_lso/clock/advance runs',
          'activation steps). See mocks/README.md and mocks/presto-controller/README.md.',
        ].join('\n'),
      ) as unknown as Argv<MockArgs>,
  handler: async (argv) => {
    await runMockCommand(argv, { out: (s) => process.stdout.write(s), stopSignal: waitForSignal, ownProcess: true });
  },
};
