/** The few calls of better-sqlite3 the raw-insert baseline uses (the package ships no types; @types is not installed). */
declare module 'better-sqlite3' {
  interface Statement {
    run(...parameters: unknown[]): unknown;
    get(...parameters: unknown[]): unknown;
    all(...parameters: unknown[]): unknown[];
    iterate(...parameters: unknown[]): IterableIterator<unknown>;
    raw(toggle?: boolean): Statement;
  }
  class Database {
    constructor(filename: string, options?: { readonly?: boolean });
    prepare(sql: string): Statement;
    exec(sql: string): this;
    pragma(source: string): unknown;
    close(): void;
  }
  export default Database;
}
