// Hand-written rather than csv-parse (not installed, and adding packages is
// not ours to decide): the import needs only RFC 4180 records, quoted fields
// with "" escapes and line breaks, a BOM, and the ';' that Finnish Excel writes.

export interface CsvRecord {
  /** 1-based line of the file where the record starts, for error messages. */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** The separator of the header line: ';' if it has one outside quotes, else ','. */
export function detectSeparator(text: string): ';' | ',' {
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') return ';';
  }
  return ',';
}

/** Parses CSV text into records; blank lines are skipped. Throws CsvError on an unterminated quote. */
export function parseCsv(input: string, separator: ';' | ',' = detectSeparator(input.replace(/^\uFEFF/, ''))): CsvRecord[] {
  const text = input.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let fieldStarted = false;

  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
    } else if (ch === separator) {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvError(recordLine, 'unterminated quoted field');
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return records;
}
