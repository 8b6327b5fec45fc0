import { defineMessages } from '../define.js';

export const cli = defineMessages({
  en: { title: 'cli' },
  fi: { title: 'cli' },
  sv: { title: 'cli' },
});
