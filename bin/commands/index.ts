import type { CommandModule } from 'yargs';
import { specsCommand } from './specs';
import { testCommand } from './test';

/** Every top-level command of `lso`, in the order `--help` lists them. */
export const commands: CommandModule<any, any>[] = [testCommand, specsCommand];
