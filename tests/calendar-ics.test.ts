import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, serializeCalendar, type IcsEvent } from '../src/features/calendar/ics.js';
import { contentLines, parseWithIcalJs, parseWithNodeIcal, physicalLines } from './calendar/parse.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

function event(o: Partial<IcsEvent> = {}): IcsEvent {
  return {
    uid: 'turn-1@vuoro',
    sequence: 1,
    stamp: '2027-03-01T10:00:00Z',
    start: '2027-03-25T07:00:00Z',
    end: '2027-03-25T10:00:00Z',
    summary: 'Phone advisory – Helsinki',
    description: 'On this turn: A',
    ...o,
  };
}

describe('folding', () => {
  it('when a line is long and full of multi-byte characters, then every physical line is at most 75 octets and valid UTF-8 alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const line = `DESCRIPTION:${escapeText(text)}`;
        const folded = Buffer.from(foldLine(line), 'utf8');
        const lines = physicalLines(folded);
        for (const line of lines) {
          expect(line.length).toBeLessThanOrEqual(75);
          expect(() => decoder.decode(line)).not.toThrow();
        }
        // Unfolding gives back exactly the original line.
        expect(lines.map((l, i) => (i === 0 ? l.toString('utf8') : l.toString('utf8').slice(1))).join('')).toBe(line);
      }),
      { numRuns: 300 },
    );
  });

  it('when a line is exactly 75 octets, then it is not folded; at 76 it is', () => {
    expect(foldLine('X'.repeat(75))).toBe(`${'X'.repeat(75)}\r\n`);
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X\r\n`);
  });

  it('when a 2-byte character would straddle octet 75, then it moves whole to the next line', () => {
    const folded = Buffer.from(foldLine(`${'X'.repeat(74)}ä`), 'utf8');
    const [first, second] = physicalLines(folded);
    expect(first?.toString('utf8')).toBe('X'.repeat(74));
    expect(second?.toString('utf8')).toBe(' ä');
  });
});

describe('escaping', () => {
  it('when text has backslash, semicolon, comma and line breaks, then they are escaped as RFC 5545 says', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('when text has control characters, then they are dropped (TEXT may not contain them)', () => {
    expect(escapeText('a\u0000b\u0007c\u007f')).toBe('abc');
  });
});

describe('a whole calendar', () => {
  it('when serialized, then it ends with CRLF after END:VCALENDAR and carries the feed properties', () => {
    const body = Buffer.from(serializeCalendar({ name: 'vuoro: Helsinki', events: [event()] }), 'utf8');
    expect(body.subarray(-15).toString()).toBe('END:VCALENDAR\r\n');
    const lines = contentLines(body);
    for (const p of [
      'VERSION:2.0',
      'METHOD:PUBLISH',
      'NAME:vuoro: Helsinki',
      'X-WR-CALNAME:vuoro: Helsinki',
      'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
      'X-PUBLISHED-TTL:PT1H',
      'TRANSP:OPAQUE',
      'DTSTAMP:20270301T100000Z',
      'SEQUENCE:1',
    ]) {
      expect(lines).toContain(p);
    }
    expect(lines).toContain('DTSTART;TZID=Europe/Helsinki:20270325T090000');
    expect(lines).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
    expect(lines).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
  });

  it('when names hold ; , \\ newlines and äöå, then both parsers read them back unchanged', () => {
    const nasty = 'Åsa; Öhman, "Ä"\\ näin\nrivi 2 – ÅÄÖ';
    const text = serializeCalendar({ name: nasty, events: [event({ summary: nasty, description: `${nasty} ${'ö'.repeat(80)}` })] });
    const viaIcal = parseWithIcalJs(text);
    expect(viaIcal.name).toBe(nasty);
    expect(viaIcal.events[0]?.summary).toBe(nasty);
    expect(viaIcal.events[0]?.description).toBe(`${nasty} ${'ö'.repeat(80)}`);
    const viaNode = parseWithNodeIcal(text);
    expect(viaNode[0]?.summary).toBe(nasty);
    expect(viaNode[0]?.description).toBe(`${nasty} ${'ö'.repeat(80)}`);
  });

  it('when an instant is not a date, then serializing throws instead of writing a broken feed', () => {
    expect(() => serializeCalendar({ name: 'x', events: [event({ start: 'not a date' })] })).toThrow();
  });
});
