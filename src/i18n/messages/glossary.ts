import { defineMessages } from '../define.js';

/** Wordings that need a city's name in a case (docs/GLOSSARY.md); {cityGen} is the genitive. */
export const glossary = defineMessages({
  en: {
    shareOf: 'Share of {city}',
    shareOfGen: 'Share of {city}',
    colourOf: 'Colour of {city}: {colour}',
    colourOfGen: 'Colour of {city}: {colour}',
  },
  fi: {
    shareOf: 'Osuus: {city}',
    shareOfGen: '{cityGen} osuus',
    colourOf: 'Väri: {city}, {colour}',
    colourOfGen: '{cityGen} väri: {colour}',
  },
  sv: {
    shareOf: 'Andel: {city}',
    shareOfGen: '{cityGen} andel',
    colourOf: 'Färg: {city}, {colour}',
    colourOfGen: '{cityGen} färg: {colour}',
  },
});
