import type { CommandModule } from 'yargs';
import { mockCommand } from './mock';
import { specsCommand } from './specs';
import { suitesCommand } from './suites';
import { testCommand } from './test';

/** Every top-level command of `lso`, in the order `--help` lists them. */
export const commands: CommandModule<any, any>[] = [testCommand, mockCommand, specsCommand, suitesCommand];
