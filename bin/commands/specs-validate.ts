import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { UsageError } from '../../lib/errors';
import { Contracts, type ValidationResult, type Violation } from '../../specs';
import { withSdk } from './sdk-option';

interface ValidateArgs {
  sdk?: string;
  api: string;
  operation: string;
  response?: number;
  strict: boolean;
  json: boolean;
  file: string;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not JSON: ${(e as Error).message}`);
  }
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** One readable line per finding: where, what, expected, found, and the spec location it comes from. */
export function formatViolation(v: Violation): string {
  const where = `${v.in && v.in !== 'body' ? `${v.in}:` : ''}${v.pointer || '/'}`;
  const parts = [`${where}  ${v.rule}: ${v.message}`];
  if (v.expected !== undefined) parts.push(`expected ${show(v.expected)}`);
  if (v.found !== undefined && v.rule !== 'required') parts.push(`found ${show(v.found)}`);
  return `${parts.join('; ')}${v.specLocation ? `  [${v.specLocation}]` : ''}`;
}

export function formatResult(r: ValidationResult): string {
  const lines = [
    ...r.violations.map((v) => `error    ${formatViolation(v)}`),
    ...r.unchecked.map((u) => `unchecked ${u.pointer || '/'}  ${u.reason}`),
    ...r.warnings.map((v) => `warning  ${formatViolation(v)}`),
  ];
  const verdict = r.valid ? 'valid' : 'invalid';
  lines.push(
    `${verdict}: ${r.violations.length} error(s), ${r.unchecked.length} not checked, ${r.warnings.length} warning(s)`,
  );
  return `${lines.join('\n')}\n`;
}

export const specsValidateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <file>',
  describe: 'Validate a request body (default) or a response body against an operation of an API',
  builder: (y) =>
    withSdk(y)
      .positional('file', { type: 'string', demandOption: true, describe: 'JSON file holding the body' })
      .option('api', {
        type: 'string',
        demandOption: true,
        requiresArg: true,
        describe: 'API id, e.g. sonata.productOrder',
      })
      .option('operation', {
        type: 'string',
        demandOption: true,
        requiresArg: true,
        describe: 'operationId, e.g. createProductOrder',
      })
      .option('response', {
        type: 'number',
        requiresArg: true,
        describe: 'Validate as the response body of this status instead',
      })
      .option('strict', { type: 'boolean', default: false, describe: 'Unknown properties are errors, not warnings' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON' })
      .example(
        '$0 specs validate --api sonata.productOrder --operation createProductOrder order.json',
        'check a Product Order create request',
      )
      .epilogue(
        'Exit status: 0 valid, 1 invalid or not checkable, 2 usage error (unknown API or operation, unreadable or non-JSON file).',
      ),
  handler: (argv) => {
    const body = readJson(argv.file);
    const c = Contracts.load({ sdk: argv.sdk });
    c.operation(argv.api, argv.operation);
    const strict = argv.strict;
    let r: ValidationResult;
    if (argv.response !== undefined) {
      if (!Number.isInteger(argv.response) || argv.response < 100 || argv.response > 599)
        throw new UsageError(`--response must be an HTTP status, got ${argv.response}`);
      r = c.validateResponse(argv.api, argv.operation, { status: argv.response, body }, { strict });
    } else {
      r = c.validateRequest(argv.api, argv.operation, { body }, { strict });
    }
    process.stdout.write(argv.json ? `${JSON.stringify(r, null, 2)}\n` : formatResult(r));
    if (!r.valid) process.exitCode = 1;
  },
};
