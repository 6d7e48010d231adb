// Items made during a run and read back, in order, once it ends (the lines and rows of a big plan): held in memory
// up to a few thousand, past that in a JSON-lines file of a private temporary folder, so that what a month's plan
// prints and writes does not have to fit in memory. `dispose()` removes the folder.
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const KEEP = 5_000;
/** Written lines are gathered up to this size before one write. */
const FLUSH_AT = 1 << 16;

export class Spool<T> {
  private memory: T[] = [];
  private file: { dir: string; path: string; fd: number } | undefined;
  private pending = '';
  count = 0;

  push(item: T): void {
    this.count++;
    if (!this.file && this.memory.length < KEEP) {
      this.memory.push(item);
      return;
    }
    if (!this.file) {
      // mkdtemp makes the folder 0700: the items hold people's ids.
      const dir = mkdtempSync(join(tmpdir(), 'feishu-import-spool-'));
      const path = join(dir, 'items.jsonl');
      this.file = { dir, path, fd: openSync(path, 'w', 0o600) };
      for (const m of this.memory) this.write(m);
      this.memory = [];
    }
    this.write(item);
  }

  /** Every item, in the order pushed. */
  async *items(): AsyncGenerator<T> {
    if (!this.file) return yield* this.memory;
    this.flush();
    const lines = createInterface({ input: createReadStream(this.file.path, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as T;
  }

  dispose(): void {
    if (!this.file) return;
    closeSync(this.file.fd);
    rmSync(this.file.dir, { recursive: true, force: true });
    this.file = undefined;
  }

  private write(item: T): void {
    this.pending += JSON.stringify(item) + '\n';
    if (this.pending.length >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (!this.file || !this.pending) return;
    writeSync(this.file.fd, this.pending);
    this.pending = '';
  }
}
