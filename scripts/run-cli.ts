/**
 * The one way our CLIs end: the exit code main returns; 2 when the configuration is bad (its
 * message says which variable and what was expected); 1, with the stack, for anything else.
 */
import { ConfigError } from '../src/config';

export function runCli(main: (argv: readonly string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = error instanceof ConfigError ? 2 : 1;
    },
  );
}
