import { defineMessages } from '../define.js';

/** Replacing an absent adviser on published turns. */
export const replacements = defineMessages({
  en: {
    notAffected: 'The absent adviser is no longer on this turn.',
    replacementsTitle: 'Finding a replacement – absent: {name}',
    replacementsIntro: 'Published turns in {from}–{to} that the absence hits. Candidates are free, allowed by the rules and least loaded this week first.',
    noAffected: 'The absence hits no published turn.',
    candidate: 'Candidate',
    weekHours: '{hours} h this week',
    applyReplacement: 'Put on the turn',
    noCandidates: 'Nobody can take this turn.',
    replaced: 'Replacement saved.',
  },
  fi: {
    notAffected: 'Poissa oleva neuvoja ei ole enää tässä vuorossa.',
    replacementsTitle: 'Sijaisen haku – poissa: {name}',
    replacementsIntro:
      'Julkaistut vuorot {from}–{to}, joihin poissaolo osuu. Ehdokkaat ovat vapaita, sääntöjen sallimia ja tällä viikolla vähiten kuormitettuja ensin.',
    noAffected: 'Poissaolo ei osu julkaistuihin vuoroihin.',
    candidate: 'Ehdokas',
    weekHours: '{hours} h tällä viikolla',
    applyReplacement: 'Aseta vuoroon',
    noCandidates: 'Kukaan ei voi ottaa tätä vuoroa.',
    replaced: 'Sijainen tallennettu.',
  },
  sv: {
    notAffected: 'Den frånvarande rådgivaren är inte längre på denna tur.',
    replacementsTitle: 'Vikarie söks – frånvarande: {name}',
    replacementsIntro:
      'Publicerade turer {from}–{to} som frånvaron träffar. Kandidaterna är lediga, tillåtna av reglerna och minst belastade denna vecka först.',
    noAffected: 'Frånvaron träffar inga publicerade turer.',
    candidate: 'Kandidat',
    weekHours: '{hours} h denna vecka',
    applyReplacement: 'Sätt på turen',
    noCandidates: 'Ingen kan ta denna tur.',
    replaced: 'Vikarien sparad.',
  },
});
