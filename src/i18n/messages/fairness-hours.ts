import { defineMessages } from '../define.js';

/** The fairness page's figures in hours: the level-1 optimum and the adviser ledger. */
export const fairnessHours = defineMessages({
  en: {
    maxPrefixDeviationHours: 'Largest deviation (h)',
    optimumHours: 'Best possible (h)',
    carriedHours: 'Carried (h)',
    targetHours: 'Target (h)',
    ledgerHours: 'Ledger (h)',
    optimumNote: 'Best possible: the smallest largest deviation any division of the range could reach from the same carried hours, for every city at once.',
  },
  fi: {
    maxPrefixDeviationHours: 'Suurin poikkeama (h)',
    optimumHours: 'Paras mahdollinen (h)',
    carriedHours: 'Siirtynyt (h)',
    targetHours: 'Tavoite (h)',
    ledgerHours: 'Saldo (h)',
    optimumNote:
      'Paras mahdollinen: pienin suurin poikkeama, johon mikä tahansa jakson jako pääsisi samoista siirtyneistä tunneista, kaikille kaupungeille yhtä aikaa.',
  },
  sv: {
    maxPrefixDeviationHours: 'Största avvikelse (h)',
    optimumHours: 'Bästa möjliga (h)',
    carriedHours: 'Överfört (h)',
    targetHours: 'Mål (h)',
    ledgerHours: 'Saldo (h)',
    optimumNote:
      'Bästa möjliga: den minsta största avvikelse som någon fördelning av perioden kunde nå från samma överförda timmar, för alla städer samtidigt.',
  },
});
