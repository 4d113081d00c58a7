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

/** What a CLI does instead of its work when asked for help (exit 0) or given bad arguments (exit 2, the problem first). */
export function answerWithUsage(args: { readonly kind: 'help' } | { readonly kind: 'invalid'; readonly message: string }, usage: string): number {
  switch (args.kind) {
    case 'help':
      process.stdout.write(usage);
      return 0;
    case 'invalid':
      process.stderr.write(`${args.message}\n\n${usage}`);
      return 2;
    default: {
      const unreachable: never = args;
      throw new Error(`unknown arguments ${JSON.stringify(unreachable)}`);
    }
  }
}
