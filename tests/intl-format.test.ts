import { describe, expect, it } from 'vitest';
import {
  dateHint,
  formatClock,
  formatDate,
  formatDateTime,
  formatDateWords,
  formatNumber,
  formatTime,
  formatTurnWhen,
  languageName,
  roleName,
  serviceName,
} from '../src/i18n/format.js';

// 07:00 UTC on Monday 7 December 2026 is 09:00 in Helsinki (EET, +2).
const MON_9 = '2026-12-07T07:00:00Z';
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('Intl formatting', () => {
  it('when an instant is shown with weekday, date and time, then each language writes it its own way', () => {
    expect(formatDateTime('fi', MON_9)).toBe('ma 7.12.2026 klo 9.00');
    expect(formatDateTime('sv', MON_9)).toBe('mån 7.12.2026 kl. 9.00');
    expect(formatDateTime('en', MON_9)).toBe('Mon 7 Dec 2026, 09:00');
  });

  it('when a bare date is formatted, then it is that Helsinki day in every language', () => {
    expect(formatDate('fi', '2026-12-07')).toBe('ma 7.12.2026');
    expect(formatDate('sv', '2026-12-07')).toBe('mån 7.12.2026');
    expect(formatDate('en', '2026-12-07')).toBe('Mon 7 Dec 2026');
    // 23:30 UTC on Sunday is already Monday in Helsinki.
    expect(formatDate('en', '2026-12-06T23:30:00Z')).toBe('Mon 7 Dec 2026');
  });

  it('when the clock changes in spring, then times stay Helsinki wall time', () => {
    expect(formatTime('fi', '2027-03-28T06:00:00Z')).toBe('9.00');
    expect(formatTime('en', '2027-03-27T07:00:00Z')).toBe('09:00');
    expect(formatTurnWhen('fi', '2027-03-29T06:00:00Z', '2027-03-29T09:00:00Z')).toBe('ma 29.3.2027 klo 9.00–12.00');
  });

  it('when a date is written in words, then the weekday and month are spelled out', () => {
    expect(formatDateWords('fi', '2026-12-07')).toBe('maanantai 7. joulukuuta 2026');
    expect(formatDateWords('sv', '2026-12-07')).toBe('måndag 7 december 2026');
    expect(formatDateWords('en', '2026-12-07')).toBe('Monday 7 December 2026');
  });

  it('when numbers have decimals, then Finnish and Swedish use a comma and English a point', () => {
    expect(formatNumber('fi', 1.5)).toBe('1,5');
    expect(formatNumber('sv', 37.25)).toBe('37,25');
    expect(formatNumber('en', 1.5)).toBe('1.5');
    expect(nb(formatNumber('fi', 1234.5))).toBe('1 234,5');
  });

  it('when a wall-clock pattern time is shown, then it follows the language', () => {
    expect(formatClock('fi', '09:00')).toBe('9.00');
    expect(formatClock('en', '9:00')).toBe('09:00');
  });

  it('when codes reach a page, then names replace them', () => {
    expect(serviceName('fi', 'change_security')).toBe('muutosturvaneuvonta');
    expect(serviceName('sv', 'phone')).toBe('telefonrådgivning');
    expect(languageName('fi', 'sv')).toBe('ruotsi');
    expect(languageName('sv', 'fi')).toBe('finska');
    expect(languageName('en', 'en')).toBe('English');
    expect(roleName('fi', 'supervisor')).toBe('Esihenkilö');
    expect(dateHint('fi')).toBe('VVVV-KK-PP');
    expect(dateHint('sv')).toBe('ÅÅÅÅ-MM-DD');
  });
});
