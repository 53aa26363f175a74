import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { Contracts, SDK_DEFECTS } from '../../specs';
import { locateSdk } from '../../specs/sdk/locate';
import { withSdk } from './sdk-option';

interface DoctorArgs {
  sdk?: string;
  json: boolean;
  compile: boolean;
}

/** `lso specs doctor`: where the SDK came from, which release, and every known SDK defect with where it applied. */
export const specsDoctorCommand: CommandModule<object, DoctorArgs> = {
  command: 'doctor',
  describe: 'Show the SDK in use, its release and commits, and the known SDK defects and how each is handled',
  builder: (y) =>
    withSdk(y).option('json', { type: 'boolean', default: false, describe: 'Print JSON' }).option('compile', {
      type: 'boolean',
      default: false,
      describe: 'Also compile every operation and schema and list failures',
    }),
  handler: (argv) => {
    const located = locateSdk({ sdk: argv.sdk });
    const c = Contracts.load({ sdk: argv.sdk });
    c.registerAll();
    const sourcesFile = join(located.dir, 'SOURCES');
    const sources = existsSync(sourcesFile) ? readFileSync(sourcesFile, 'utf8').trim().split('\n') : [];
    const applied = c.defectApplications();
    const failures = argv.compile ? [...c.compileAll(), ...c.compileAllSchemas()] : undefined;
    if (argv.json) {
      const defects = SDK_DEFECTS.map((d) => ({ ...d, applied: applied.filter((a) => a.defectId === d.id) }));
      process.stdout.write(
        `${JSON.stringify({ sdk: located, sources, defects, compileFailures: failures }, null, 2)}\n`,
      );
      return;
    }
    process.stdout.write(`SDK ${located.dir} (found via ${located.source})\n`);
    for (const s of sources) process.stdout.write(`  ${s}\n`);
    process.stdout.write(
      `${c.apis.length} APIs, ${c.urnIndex.urns().length} product/service schema URNs\n\nKnown SDK defects:\n`,
    );
    for (const d of SDK_DEFECTS) {
      const here = applied.filter((a) => a.defectId === d.id);
      process.stdout.write(
        `\n${d.id} [${d.treatment}] ${d.title}\n  problem: ${d.problem}\n  handling: ${d.handling}\n`,
      );
      const files = [...new Set(here.map((a) => a.file))];
      if (files.length) process.stdout.write(`  applied ${here.length}x in: ${files.join(', ')}\n`);
      else process.stdout.write(`  known in: ${d.files.join(', ')}\n`);
    }
    if (failures) {
      process.stdout.write(
        `\n${failures.length === 0 ? 'every operation and schema compiles' : `${failures.length} compile failure(s):`}\n`,
      );
      for (const f of failures) process.stdout.write(`  ${JSON.stringify(f)}\n`);
      if (failures.length) process.exitCode = 1;
    }
  },
};
