/**
 * A small RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF, a leading BOM) that keeps the
 * line each record starts on, so that problems can name it. Pure.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvReadResult {
  readonly records: readonly CsvRecord[];
  /** Malformed quoting, with the line it starts on. */
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

export function readCsv(text: string): CsvReadResult {
  const input = text.replace(/^\ufeff/, '');
  const records: CsvRecord[] = [];
  const problems: { line: number; message: string }[] = [];
  let line = 1;
  let i = 0;
  while (i < input.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (input[i] === '"' && field === '') {
        // Quoted field: runs to the closing quote; "" is one quote; may hold commas and line breaks.
        i += 1;
        let closed = false;
        while (i < input.length) {
          const ch = input[i];
          if (ch === '"') {
            if (input[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            closed = true;
            i += 1;
            break;
          }
          if (ch === '\n') line += 1;
          field += ch;
          i += 1;
        }
        if (!closed) problems.push({ line: start, message: 'a quoted field is not closed' });
        else if (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r') {
          problems.push({ line, message: 'text after the closing quote of a field' });
        }
      }
      while (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r') field += input[i++];
      fields.push(field);
      field = '';
      if (input[i] === ',') {
        i += 1;
        continue;
      }
      if (input[i] === '\r') i += 1;
      if (input[i] === '\n') i += 1;
      line += 1;
      endOfRecord = true;
    }
    // Blank lines separate nothing: skip them.
    if (!(fields.length === 1 && fields[0].trim() === '')) records.push({ line: start, fields });
  }
  return { records, problems };
}
