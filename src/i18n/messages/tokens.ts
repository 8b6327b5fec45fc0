import { defineMessages } from '../define.js';

export const tokens = defineMessages({
  en: { title: 'tokens' },
  fi: { title: 'tokens' },
  sv: { title: 'tokens' },
});
