import type { CommandModule } from 'yargs';
import { specsDoctorCommand } from './specs-doctor';
import { specsFetchCommand } from './specs-fetch';
import { specsListCommand, specsShowCommand } from './specs-list';
import { specsValidateCommand } from './specs-validate';
import { specsVerifyCommand } from './specs-verify';

/** `lso specs …`: the MEF contracts themselves (catalogue, validation, SDK provenance and known defects). */
export const specsCommand: CommandModule = {
  command: 'specs <command>',
  describe: 'Inspect the MEF LSO contracts: list APIs, validate payloads, fetch and verify the SDK',
  builder: (y) =>
    y
      .command(specsListCommand as any)
      .command(specsShowCommand as any)
      .command(specsValidateCommand as any)
      .command(specsDoctorCommand as any)
      .command(specsFetchCommand as any)
      .command(specsVerifyCommand as any)
      .demandCommand(1, 'name a specs command: lso specs --help lists them'),
  handler: () => undefined,
};
