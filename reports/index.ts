/** What the CLI uses from reports/: the results folder writer, the terminal reporter and the verdict roll-up. */
export { aggregate, exitCodeOf, type Aggregate, type RequirementVerdict, type RuleVerdict } from './aggregate';
export { createConsoleReporter } from './console';
export { defaultResultsDir } from './results-dir';
export { createResultsWriter, type ResultsWriter } from './results-writer';
export { recordOf, RunRecorder, type RunRecord } from './run-record';
export { buildSummary, type Summary } from './summary';
