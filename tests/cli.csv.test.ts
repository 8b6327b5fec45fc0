import { describe, expect, it } from 'vitest';
import { CsvError, detectSeparator, parseCsv } from '../src/cli/csv.js';

describe('parseCsv', () => {
  it('when fields are quoted with separators, doubled quotes and line breaks, then they come back verbatim with their start lines', () => {
    const records = parseCsv('a;b\n"x;y";"say ""hi"""\n"two\nlines";z\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x;y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
    ]);
  });

  it('when the file has a BOM, CRLF line ends, blank lines and no final newline, then they are handled', () => {
    expect(parseCsv('\uFEFFa,b\r\n\r\n1,2')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });

  it('when a field is empty, then it stays an empty string', () => {
    expect(parseCsv('a;;c\n;;\n')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 2, fields: ['', '', ''] },
    ]);
  });

  it('when a quote is never closed, then it fails naming the line', () => {
    expect(() => parseCsv('a;b\n"open;x\n')).toThrow(CsvError);
  });

  it('when the header has a semicolon outside quotes, then ; is the separator, else ,', () => {
    expect(detectSeparator('name;email\n')).toBe(';');
    expect(detectSeparator('"a;b",c\nx;y')).toBe(',');
  });
});
