import { defineMessages } from '../define.js';

/** Marks on turns and days in the roster views, and the month calendar. */
export const rosterMarks = defineMessages({
  en: {
    handSet: 'set by hand',
    staffedMissing: '{assigned} of {headcount} — {names} absent',
    closed: 'Closed: {name}',
    weekLabel: 'Week {week}',
    calendarCaption: 'Service turns of {month}, a week per row, Monday first',
    outsideMonth: 'Not in this month',
    showing: 'Shown: {period} · city: {city} · service: {service}',
    showingAdviser: 'Shown: {period} · city: {city} · service: {service} · adviser: {adviser}',
    all: 'all',
    legend:
      'Marks: “Draft” not yet published; “! open” seats still to fill; “set by hand” placed by a supervisor, kept by the rotation; “! absent” the adviser is away that day.',
  },
  fi: {
    handSet: 'käsin asetettu',
    staffedMissing: '{assigned}/{headcount} — poissa: {names}',
    closed: 'Suljettu: {name}',
    weekLabel: 'Viikko {week}',
    calendarCaption: 'Kuukauden {month} palveluvuorot, viikko riviä kohden, maanantai ensin',
    outsideMonth: 'Ei tässä kuussa',
    showing: 'Näytetään: {period} · kaupunki: {city} · palvelu: {service}',
    showingAdviser: 'Näytetään: {period} · kaupunki: {city} · palvelu: {service} · neuvoja: {adviser}',
    all: 'kaikki',
    legend:
      'Merkinnät: ”Luonnos” ei vielä julkaistu; ”! avoinna” täyttämättömät paikat; ”käsin asetettu” esihenkilön asettama, vuorottelu ei muuta sitä; ”! poissa” neuvoja on poissa sinä päivänä.',
  },
  sv: {
    handSet: 'satt för hand',
    staffedMissing: '{assigned} av {headcount} — frånvarande: {names}',
    closed: 'Stängt: {name}',
    weekLabel: 'Vecka {week}',
    calendarCaption: 'Serviceturer i {month}, en vecka per rad, måndag först',
    outsideMonth: 'Inte i denna månad',
    showing: 'Visas: {period} · stad: {city} · tjänst: {service}',
    showingAdviser: 'Visas: {period} · stad: {city} · tjänst: {service} · rådgivare: {adviser}',
    all: 'alla',
    legend:
      'Markeringar: ”Utkast” ännu inte publicerat; ”! lediga” platser som ska fyllas; ”satt för hand” placerad av en chef, behålls av rotationen; ”! frånvarande” rådgivaren är borta den dagen.',
  },
});
