import { escapeText, foldLine, helsinkiLocal, utcStamp, VTIMEZONE, type IcsEvent } from './ics.js';
import { ZONE } from '../../time/zone.js';

export type ItipMethod = 'REQUEST' | 'CANCEL';

export interface Invitation {
  method: ItipMethod;
  event: IcsEvent;
  /** When this message was made (DTSTAMP); UTC ISO. */
  stamp: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** A quoted parameter value (RFC 5545 3.2): no DQUOTE or controls inside. */
// eslint-disable-next-line no-control-regex -- the control characters are what must be removed
const param = (v: string) => `"${v.replace(/["\u0000-\u001f\u007f]/g, '')}"`;

/**
 * One iTIP message (RFC 5546) for one event, as sent by email (RFC 6047):
 * the same UID and SEQUENCE as the adviser's feed, so a client that has both
 * keeps one event. Busy in Outlook (TRANSP and the CDO status), times in
 * Helsinki time with the VTIMEZONE beside them. A cancellation keeps the
 * times (clients match on UID) and is marked CANCELLED.
 */
export function serializeInvitation(inv: Invitation): string {
  const e = inv.event;
  const cancel = inv.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//vuoro//Turn invitations//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${inv.method}`,
    ...VTIMEZONE,
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `SEQUENCE:${Math.max(0, Math.trunc(e.sequence))}`,
    `DTSTAMP:${utcStamp(inv.stamp)}`,
    `LAST-MODIFIED:${utcStamp(e.stamp)}`,
    `DTSTART;TZID=${ZONE}:${helsinkiLocal(e.start)}`,
    `DTEND;TZID=${ZONE}:${helsinkiLocal(e.end)}`,
    `SUMMARY:${escapeText(e.summary)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
    `ORGANIZER;CN=${param(inv.organizer.name)}:mailto:${inv.organizer.email}`,
    // Nobody answers a roster: the turn is given, not proposed.
    `ATTENDEE;CN=${param(inv.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:${inv.attendee.email}`,
    `STATUS:${cancel ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    `X-MICROSOFT-CDO-BUSYSTATUS:${cancel ? 'FREE' : 'BUSY'}`,
    `X-MICROSOFT-CDO-INTENDEDSTATUS:${cancel ? 'FREE' : 'BUSY'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('');
}
