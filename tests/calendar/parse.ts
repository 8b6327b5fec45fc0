import ICAL from 'ical.js';
import nodeIcal from 'node-ical';

// Shared by the calendar tests and the time-zone probe. The two parsers are
// independent of our serializer: ical.js resolves TZID from the feed's own
// VTIMEZONE, node-ical from its IANA name, so both must agree on instants.

export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  sequence: number;
  start: Date;
  end: Date;
}

export function parseWithIcalJs(text: string): { name: string; events: ParsedEvent[] } {
  const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const events = cal.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description,
      sequence: e.sequence,
      start: e.startDate.toJSDate(),
      end: e.endDate.toJSDate(),
    };
  });
  // ical.js keeps X- properties raw; unescape as RFC 5545 3.3.11 says.
  const raw = String(cal.getFirstPropertyValue('x-wr-calname'));
  return { name: raw.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c)), events };
}

const plain = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'object' && v !== null && 'val' in v ? String(v.val) : '');

export function parseWithNodeIcal(text: string): ParsedEvent[] {
  const data = nodeIcal.sync.parseICS(text);
  return Object.values(data)
    .filter((c) => c?.type === 'VEVENT')
    .map((c) => {
      const e = c as nodeIcal.VEvent;
      return {
        uid: e.uid,
        summary: plain(e.summary),
        description: plain(e.description),
        sequence: Number(e.sequence),
        start: new Date(e.start.getTime()),
        end: new Date((e.end ?? e.start).getTime()),
      };
    });
}

/** The physical lines of a body split at CRLF; throws on a bare LF or a missing final CRLF. */
export function physicalLines(body: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== 0x0a) continue;
    if (i === 0 || body[i - 1] !== 0x0d) throw new Error(`bare LF at octet ${i}`);
    lines.push(body.subarray(start, i - 1));
    start = i + 1;
  }
  if (start !== body.length) throw new Error('the body does not end with CRLF');
  return lines;
}

/** Content lines after unfolding. */
export function contentLines(body: Buffer): string[] {
  const out: string[] = [];
  for (const raw of physicalLines(body)) {
    const line = raw.toString('utf8');
    if (line.startsWith(' ') && out.length > 0) out[out.length - 1] += line.slice(1);
    else out.push(line);
  }
  return out;
}
