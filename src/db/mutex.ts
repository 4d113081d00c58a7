/**
 * Serialises async work. better-sqlite3 is one synchronous connection: two async transactions must
 * never interleave their statements, so every SQLite storage call runs inside `exclusive`.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
