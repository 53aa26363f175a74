import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A Markdown file of the repository, by its path from the root. */
export function readDoc(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** The text under a `## ` heading (the heading line given whole), up to the next `## ` heading; throws if absent. */
export function section(md: string, heading: string): string {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.trimEnd() === heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The contents of every fenced code block in `text`, in order. */
export function codeBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (/^```/.test(line)) {
      if (current) {
        blocks.push(current.join('\n'));
        current = undefined;
      } else current = [];
    } else current?.push(line);
  }
  return blocks;
}

/** The rows of the Markdown tables in `text` (header and separator rows left out), each as its cells. */
export function tableRows(text: string): string[][] {
  const rows: string[][] = [];
  let header = true;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      header = true;
      continue;
    }
    const cells = line
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
    if (header || cells.every((c) => /^:?-+:?$/.test(c))) {
      header = false;
      continue;
    }
    rows.push(cells);
  }
  return rows;
}

/** The `code spans` of a Markdown fragment. */
export function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}
