import { utcToLocal, ZONE } from '../../time/zone.js';

// Hand-written rather than ical-generator 10, whose output trips the clients
// we serve: a calendar-level timezone makes DTSTAMP floating (RFC 5545 wants
// UTC), it emits no VTIMEZONE unless given a generator (Outlook then shifts
// events by an hour), and it ends without the final CRLF. The format itself
// is small: the rules below are the whole of what a feed needs.

const CRLF = '\r\n';
const MAX_OCTETS = 75;

export interface IcsEvent {
  uid: string;
  /** Grows on every change, so clients replace their copy. */
  sequence: number;
  /** When this version of the event was made; UTC ISO. */
  stamp: string;
  /** UTC ISO instants. */
  start: string;
  end: string;
  summary: string;
  description: string;
}

export interface IcsCalendar {
  name: string;
  events: readonly IcsEvent[];
}

/** RFC 5545 3.3.11: backslash, semicolon, comma and line breaks are escaped; other controls are not allowed. */
export function escapeText(value: string): string {
  return (
    value
      // Control characters are removed on purpose (RFC 5545 forbids them), so the class names them.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
  );
}

/**
 * Folds one content line into physical lines of at most 75 octets (the CRLF
 * not counted), each continuation starting with a space. It splits only
 * between code points, so every physical line is valid UTF-8 on its own.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return line + CRLF;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Size(ch.codePointAt(0) ?? 0);
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF) + CRLF;
}

function utf8Size(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** 20270325T070000Z */
export function utcStamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`invalid instant ${iso}`);
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** The Helsinki wall time of a UTC instant, as used with TZID=Europe/Helsinki. */
export function helsinkiLocal(iso: string): string {
  const local = utcToLocal(new Date(iso).toISOString());
  if (!local.isValid) throw new Error(`invalid instant ${iso}`);
  return local.toFormat("yyyyMMdd'T'HHmmss");
}

// Times go out as TZID=Europe/Helsinki wall time, so clients show and edit
// them in Helsinki time, with this definition beside them: without a
// VTIMEZONE Outlook guesses and shifts by an hour. The EU rule (since 1996):
// summer time from the last Sunday of March 03:00 to the last Sunday of
// October 04:00 local, +03:00 then and +02:00 otherwise. Wall times in the
// repeated October hour 03:00–04:00 would be ambiguous; turns never start then.
export const VTIMEZONE: readonly string[] = [
  'BEGIN:VTIMEZONE',
  `TZID:${ZONE}`,
  `X-LIC-LOCATION:${ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0300',
  'TZNAME:EEST',
  'DTSTART:19700329T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0300',
  'TZOFFSETTO:+0200',
  'TZNAME:EET',
  'DTSTART:19701025T040000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function eventLines(e: IcsEvent): string[] {
  const stamp = utcStamp(e.stamp);
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `SEQUENCE:${Math.max(0, Math.trunc(e.sequence))}`,
    `DTSTAMP:${stamp}`,
    `LAST-MODIFIED:${stamp}`,
    `DTSTART;TZID=${ZONE}:${helsinkiLocal(e.start)}`,
    `DTEND;TZID=${ZONE}:${helsinkiLocal(e.end)}`,
    `SUMMARY:${escapeText(e.summary)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** A whole feed: CRLF after every line including the last, every line folded. */
export function serializeCalendar(cal: IcsCalendar): string {
  const name = escapeText(cal.name);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//vuoro//Calendar feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${name}`,
    `X-WR-CALNAME:${name}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...VTIMEZONE,
    ...cal.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('');
}
