import type { CommandModule } from 'yargs';
import { Contracts } from '../../specs';
import { withSdk } from './sdk-option';

interface ListArgs {
  sdk?: string;
  json: boolean;
}

export const specsListCommand: CommandModule<object, ListArgs> = {
  command: 'list',
  describe: 'Every API of the five SDKs: id, reference point, kind, version, base path, operation count',
  builder: (y) => withSdk(y).option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
  handler: (argv) => {
    const c = Contracts.load({ sdk: argv.sdk });
    const rows = c.apis.map((a) => ({
      id: a.id,
      referencePoint: a.referencePoint,
      kind: a.kind,
      title: a.title,
      version: a.version,
      basePath: a.basePath,
      operations: a.operations.length,
      file: a.file,
    }));
    if (argv.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    const w = (k: keyof (typeof rows)[0]) => Math.max(...rows.map((r) => String(r[k]).length), String(k).length);
    const cols: Array<keyof (typeof rows)[0]> = ['id', 'referencePoint', 'kind', 'version', 'operations', 'basePath'];
    const line = (r: Record<string, unknown>) =>
      cols
        .map((k) => String(r[k]).padEnd(w(k)))
        .join('  ')
        .trimEnd();
    process.stdout.write(`${line(Object.fromEntries(cols.map((k) => [k, k])))}\n`);
    for (const r of rows) process.stdout.write(`${line(r)}\n`);
    process.stdout.write(`${rows.length} APIs, ${rows.reduce((n, r) => n + r.operations, 0)} operations\n`);
  },
};

interface ShowArgs {
  sdk?: string;
  json: boolean;
  api: string;
}

export const specsShowCommand: CommandModule<object, ShowArgs> = {
  command: 'show <api>',
  describe: 'The operations of one API (method, path, operationId, parameters, responses, scopes)',
  builder: (y) =>
    withSdk(y)
      .positional('api', { type: 'string', demandOption: true, describe: 'API id, e.g. sonata.productOrder' })
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
  handler: (argv) => {
    const c = Contracts.load({ sdk: argv.sdk });
    const api = c.api(argv.api);
    if (argv.json) {
      process.stdout.write(`${JSON.stringify(api, null, 2)}\n`);
      return;
    }
    process.stdout.write(`${api.id}  ${api.title} ${api.version}  (${api.referencePoint}, ${api.kind})\n`);
    process.stdout.write(
      `base path ${api.basePath}\nspec ${api.file}${api.securityFile ? `\nsecurity ${api.securityFile}` : ''}\n\n`,
    );
    for (const op of api.operations) {
      const params = op.parameters.map((p) => `${p.name}${p.required ? '*' : ''}(${p.in})`).join(' ');
      const responses = op.responses.map((r) => r.status).join(',');
      process.stdout.write(`${op.method.toUpperCase().padEnd(6)} ${op.path}  ${op.operationId}\n`);
      if (op.requestBody)
        process.stdout.write(
          `       body${op.requestBody.required ? '*' : ''} ${op.requestBody.contentTypes.join(', ')}\n`,
        );
      if (params) process.stdout.write(`       params ${params}\n`);
      process.stdout.write(`       responses ${responses}${op.scopes ? `   scopes ${op.scopes.join(', ')}` : ''}\n`);
    }
  },
};
