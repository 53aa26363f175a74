import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from '../lib/errors';
import type { RunEvent } from '../runtime/events/events';
import { writeAllureResults } from './allure';
import { renderHtml } from './html';
import { renderJunit } from './junit';
import { RunRecorder } from './run-record';
import { buildSummary, type Summary } from './summary';

export interface ResultsWriter {
  onEvent(e: RunEvent): void;
  /** The summary written at `run-finished`; undefined before. */
  summary(): Summary | undefined;
}

/**
 * Subscribes to the event stream and writes the results folder: events.jsonl as the events arrive, then at
 * `run-finished` summary.json, report.html, junit.xml and allure-results/. A folder that cannot be written is a
 * harness failure (exit 3): the verdicts exist but nobody could read them.
 */
export function createResultsWriter(dir: string, opts: { uuid?: () => string } = {}): ResultsWriter {
  const recorder = new RunRecorder();
  let summary: Summary | undefined;
  const guard = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      throw new HarnessError(
        `cannot write ${what} in ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
  };
  return {
    onEvent(e) {
      recorder.onEvent(e);
      if (e.type === 'run-started') guard('the results folder', () => mkdirSync(dir, { recursive: true }));
      guard('events.jsonl', () => appendFileSync(join(dir, 'events.jsonl'), `${JSON.stringify(e)}\n`));
      if (e.type !== 'run-finished') return;
      const run = recorder.record();
      summary = buildSummary(run);
      guard('summary.json', () => writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`));
      guard('report.html', () => writeFileSync(join(dir, 'report.html'), renderHtml(run)));
      guard('junit.xml', () => writeFileSync(join(dir, 'junit.xml'), renderJunit(run)));
      guard('allure-results', () => writeAllureResults(run, join(dir, 'allure-results'), opts.uuid));
    },
    summary: () => summary,
  };
}
