// Durable appends with group commit: lines that arrive while a write is in flight go out together in one write()
// and one fsync(). Each caller's promise resolves only after the fsync that covers its line.
import type { FileHandle } from 'node:fs/promises';

interface Pending {
  line: string;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class Appender {
  private queue: Pending[] = [];
  private draining: Promise<void> | undefined;
  /** A failed write that could not be cut back: further appends would build on a broken line, so they fail. */
  private broken: unknown;

  constructor(
    private readonly fh: FileHandle,
    /** Bytes known to end with a complete line. */
    private size: number,
  ) {}

  /** Appends one complete line (it must end with '\n'); resolves once it is on disk. */
  append(line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.broken) return reject(this.broken);
      this.queue.push({ line, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves when everything queued so far has been written (or has failed). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      const buf = Buffer.from(batch.map((p) => p.line).join(''), 'utf8');
      try {
        await this.writeAll(buf);
        await this.fh.sync();
        this.size += buf.length;
        for (const p of batch) p.resolve();
      } catch (e) {
        await this.cutBack(e);
        for (const p of batch) p.reject(e);
      }
    }
    this.draining = undefined;
  }

  private async writeAll(buf: Buffer): Promise<void> {
    // A regular file rarely takes less than asked, but write() is allowed to: loop rather than assume.
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await this.fh.write(buf, off, buf.length - off);
      off += bytesWritten;
    }
  }

  /** After a failed write (disk full…), removes the partial batch so the file still ends on a complete line. */
  private async cutBack(cause: unknown): Promise<void> {
    try {
      await this.fh.truncate(this.size);
    } catch {
      this.broken = cause;
    }
  }
}
