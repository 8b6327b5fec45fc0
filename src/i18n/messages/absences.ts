import { defineMessages } from '../define.js';

export const absences = defineMessages({
  en: {
    newTitle: 'New absence',
    editTitle: 'Edit absence',
    filter: 'Filter absences',
    empty: 'No absences match these filters.',
    adviser: 'Adviser',
    chooseAdviser: 'Choose an adviser',
    inclusiveHint: 'The first and the last day both count as absent.',
    maxDaysHint: 'At most 366 days.',
    reasonHint: 'For example "annual leave" or "training". Do not write health details here.',
    confirmDelete: 'Delete this absence?',
    savedEffect: 'Saved. Draft assignments opened: {opened}. Published turns affected (flagged in the roster): {published}.',
  },
  fi: {
    newTitle: 'Uusi poissaolo',
    editTitle: 'Muokkaa poissaoloa',
    filter: 'Rajaa poissaoloja',
    empty: 'Rajauksia vastaavia poissaoloja ei ole.',
    adviser: 'Neuvoja',
    chooseAdviser: 'Valitse neuvoja',
    inclusiveHint: 'Sekä ensimmäinen että viimeinen päivä ovat poissaolopäiviä.',
    maxDaysHint: 'Enintään 366 päivää.',
    reasonHint: 'Esimerkiksi "vuosiloma" tai "koulutus". Älä kirjoita tähän terveystietoja.',
    confirmDelete: 'Poistetaanko tämä poissaolo?',
    savedEffect:
      'Tallennettu. Luonnoksista vapautettuja vuoroja: {opened}. Julkaistuja vuoroja, joilla poissaoleva neuvoja on (merkitty vuorolistaan): {published}.',
  },
  sv: {
    newTitle: 'Ny frånvaro',
    editTitle: 'Redigera frånvaro',
    filter: 'Filtrera frånvaro',
    empty: 'Ingen frånvaro motsvarar filtren.',
    adviser: 'Rådgivare',
    chooseAdviser: 'Välj en rådgivare',
    inclusiveHint: 'Både den första och den sista dagen räknas som frånvaro.',
    maxDaysHint: 'Högst 366 dagar.',
    reasonHint: 'Till exempel "semester" eller "utbildning". Skriv inga hälsouppgifter här.',
    confirmDelete: 'Ta bort denna frånvaro?',
    savedEffect: 'Sparat. Pass som frigjordes i utkast: {opened}. Publicerade turer som berörs (markerade i arbetsschemat): {published}.',
  },
});
