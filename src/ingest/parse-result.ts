import type { Diagnostic, InterchangeDocument } from '../domain/interchange';
import type { ParseErrorCode } from './diagnostics';

export interface ParseSuccess {
  readonly ok: true;
  readonly document: InterchangeDocument;
}

export interface ParseFailure {
  readonly ok: false;
  readonly error: { readonly code: string; readonly message: string };
  readonly diagnostics: readonly Diagnostic[];
}

export type ParseResult = ParseSuccess | ParseFailure;

export function failure(code: ParseErrorCode, message: string, diagnostics: readonly Diagnostic[] = []): ParseFailure {
  return { ok: false, error: { code, message }, diagnostics };
}
