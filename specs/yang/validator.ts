import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../../lib/errors';
import type { LocateOptions } from '../sdk/locate';
import { DEVIATION_MODULE, leafrefDeviationModule, rpcLeafrefs, type RpcLeafref } from './leafrefs';
import { nrpR2Modules, yanglintPath } from './modules';
import type { YangDataKind } from './once';
import { replyTree, rpcTree, type OperationName } from './operations';
import { parseYanglintErrors, type YangVerdict } from './violations';

export interface YangValidatorOptions {
  /** The yanglint executable (default: `yanglintPath()`). */
  yanglint?: string;
  /** Module files, dependencies first (default: the NRP R2 set of the SDK found by `sdk`). */
  modules?: readonly string[];
  sdk?: LocateOptions;
  /** Longest wait for one verdict before the child is killed and restarted (default 5000 ms). */
  timeoutMs?: number;
  /** Longest wait for the child to load the modules (default 20000 ms). */
  startTimeoutMs?: number;
}

interface Job {
  kind: YangDataKind;
  tree: unknown;
  resolve: (v: YangVerdict) => void;
  reject: (e: Error) => void;
  attempts: number;
  timer?: NodeJS.Timeout;
  timedOut?: boolean;
}

interface Pending {
  marker: string;
  lines: string[];
  done: (lines: string[]) => void;
}

/**
 * libyang's verdicts without a process start per request: one interactive `yanglint` child (no file arguments:
 * it reads commands on stdin) that loads the modules once, then checks each tree with a `data` command on a file
 * it rewrites. Requests queue and run one at a time; after each command an unknown command is sent as an end
 * marker, and since yanglint reports errors (libyang's and the marker's) on unbuffered stderr, everything between
 * two markers is that request's output. A request that waits longer than `timeoutMs` fails and the child is
 * killed; a child that dies is restarted on the next request and the request in flight is retried once.
 *
 * Two yanglint 2.1.30 facts shape the commands (see leafrefs.ts): `-O` is ignored in interactive mode, so RPC
 * leafrefs are relaxed by a deviation module and left to the caller; and a `-t rpc`/`-t reply` command without
 * `-O` crashes (a NULL dereference) when validation fails, so an empty operational file is always passed.
 */
export class YangValidator {
  /** How many times the child was started again after dying or timing out. */
  restarts = 0;
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private pending: Pending | null = null;
  private busy: Job | null = null;
  private readonly queue: Job[] = [];
  private seq = 0;
  private stderrTail = '';
  private closed = false;
  private started = false;

  private constructor(
    private readonly bin: string,
    private readonly files: readonly string[],
    private readonly dir: string,
    private readonly timeoutMs: number,
    private readonly startTimeoutMs: number,
    /** The RPC leafrefs whose instance check is left to the caller. */
    readonly leafrefs: readonly RpcLeafref[],
  ) {}

  /** Starts the child and loads the modules; a missing yanglint or SDK is a UsageError. */
  static async start(opts: YangValidatorOptions = {}): Promise<YangValidator> {
    const bin = opts.yanglint ?? yanglintPath();
    const modules = opts.modules ?? nrpR2Modules(opts.sdk).files;
    const tree = execFileSync(bin, ['-D', '-D', '-f', 'tree', ...modules], { encoding: 'utf8' });
    const leafrefs = rpcLeafrefs(tree);
    const dir = mkdtempSync(join(tmpdir(), 'lso-yang-'));
    writeFileSync(join(dir, `${DEVIATION_MODULE}.yang`), leafrefDeviationModule(leafrefs));
    writeFileSync(join(dir, 'empty.json'), '{}');
    const files = [...modules, join(dir, `${DEVIATION_MODULE}.yang`)];
    const v = new YangValidator(bin, files, dir, opts.timeoutMs ?? 5000, opts.startTimeoutMs ?? 20000, leafrefs);
    try {
      await v.ensureReady();
    } catch (e) {
      await v.close();
      throw e;
    }
    return v;
  }

  /** The child's process id (tests kill it). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** An RPC input, as a RESTCONF body `{"input": {…}}` posted to `operation`. */
  validateRpc(operation: OperationName, body: unknown): Promise<YangVerdict> {
    return this.validate('rpc', rpcTree(operation, body));
  }

  /** An RPC output, as a RESTCONF body `{"output": {…}}` (libyang 2 needs no copy of the request for it). */
  validateReply(operation: OperationName, body: unknown): Promise<YangVerdict> {
    return this.validate('reply', replyTree(operation, body));
  }

  /** A data tree such as `{"tapi-common:context": {…}}`; `config` leaves state data out (`-t config`). */
  validateData(tree: unknown, opts: { config?: boolean } = {}): Promise<YangVerdict> {
    return this.validate(opts.config ? 'config' : 'data', tree);
  }

  /** Any tree in yanglint's shape (see operations.ts). */
  validate(kind: YangDataKind, tree: unknown): Promise<YangVerdict> {
    if (this.closed) return Promise.reject(new HarnessError('the YANG validator is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ kind, tree, resolve, reject, attempts: 0 });
      this.pump();
    });
  }

  /** Stops the child; queued requests fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new HarnessError('the YANG validator was closed'));
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.stdin?.end('quit\n');
      const kill = setTimeout(() => child.kill('SIGKILL'), 1000);
      await gone;
      clearTimeout(kill);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private pump(): void {
    if (this.busy || this.closed || !this.queue.length) return;
    const job = (this.busy = this.queue.shift()!);
    this.ensureReady().then(
      () => this.send(job),
      (e: Error) => this.finish(job, () => job.reject(e)),
    );
  }

  private finish(job: Job, settle: () => void): void {
    clearTimeout(job.timer);
    if (this.busy === job) this.busy = null;
    settle();
    this.pump();
  }

  private send(job: Job): void {
    job.attempts++;
    const body = join(this.dir, 'body.json');
    writeFileSync(body, JSON.stringify(job.tree));
    const operational = job.kind === 'rpc' || job.kind === 'reply' ? ` -O ${join(this.dir, 'empty.json')}` : '';
    const child = this.child!;
    job.timer = setTimeout(() => {
      job.timedOut = true;
      // Forget the child before the next request is sent: it goes to a fresh one.
      if (this.child === child) [this.child, this.ready, this.pending] = [null, null, null];
      child.kill('SIGKILL');
      this.finish(job, () => job.reject(new HarnessError(`yanglint gave no verdict within ${this.timeoutMs} ms`)));
    }, this.timeoutMs);
    this.command(`data -t ${job.kind}${operational} ${body}`, (lines) => {
      const violations = parseYanglintErrors(lines.join('\n'));
      this.finish(job, () => job.resolve({ valid: violations.length === 0, violations }));
    });
  }

  /** Sends one command followed by an end marker; `done` gets the stderr lines in between. */
  private command(cmd: string, done: (lines: string[]) => void): void {
    const marker = `lso-end-${++this.seq}`;
    this.pending = { marker, lines: [], done };
    this.child!.stdin!.write(`${cmd}\n${marker}\n`);
  }

  private ensureReady(): Promise<void> {
    if (!this.ready) {
      if (this.started) this.restarts++;
      this.started = true;
      this.ready = this.spawnChild();
      this.ready.catch(() => (this.ready = null));
    }
    return this.ready;
  }

  private spawnChild(): Promise<void> {
    return new Promise((resolve, reject) => {
      // HOME: interactive yanglint keeps a history file under ~/.yanglint; it goes to the temporary folder.
      const child = spawn(this.bin, [], {
        cwd: this.dir,
        env: { ...process.env, HOME: this.dir },
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      this.child = child;
      this.stderrTail = '';
      const timer = setTimeout(() => {
        reject(new HarnessError(`yanglint did not load the YANG modules within ${this.startTimeoutMs} ms`));
        child.kill('SIGKILL');
      }, this.startTimeoutMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new HarnessError(`yanglint could not be started: ${e.message}`));
      });
      child.stdin!.on('error', () => undefined); // EPIPE after a crash: the exit handler deals with it
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => this.onStderr(chunk));
      child.on('exit', () => {
        clearTimeout(timer);
        reject(new HarnessError('yanglint exited while loading the YANG modules'));
        this.onExit(child);
      });
      const quote = (f: string) => (/\s/.test(f) ? `"${f}"` : f);
      this.command(`add -D -D ${this.files.map(quote).join(' ')}`, (lines) => {
        clearTimeout(timer);
        const errors = parseYanglintErrors(lines.join('\n'));
        if (errors.length) reject(new HarnessError(`yanglint could not load the YANG modules: ${errors[0].message}`));
        else resolve();
      });
    });
  }

  private onStderr(chunk: string): void {
    const text = this.stderrTail + chunk;
    const lines = text.split('\n');
    this.stderrTail = lines.pop()!;
    for (const line of lines) {
      const p = this.pending;
      if (!p) continue;
      if (line.includes(`"${p.marker}"`)) {
        this.pending = null;
        p.done(p.lines);
      } else p.lines.push(line);
    }
  }

  private onExit(child: ChildProcess): void {
    if (this.child !== child) return;
    this.child = null;
    this.ready = null;
    this.pending = null;
    const job = this.busy;
    if (!job || job.timedOut) return this.pump();
    clearTimeout(job.timer);
    this.busy = null;
    // Retried once: a second crash on the same tree is the tree's doing, and reported.
    if (job.attempts < 2 && !this.closed) this.queue.unshift(job);
    else job.reject(new HarnessError('yanglint crashed twice while checking this tree'));
    this.pump();
  }
}
