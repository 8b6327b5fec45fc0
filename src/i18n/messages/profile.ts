import { defineMessages } from '../define.js';

export const profile = defineMessages({
  en: { title: 'profile' },
  fi: { title: 'profile' },
  sv: { title: 'profile' },
});
