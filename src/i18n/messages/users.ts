import { defineMessages } from '../define.js';

export const users = defineMessages({
  en: { title: 'users' },
  fi: { title: 'users' },
  sv: { title: 'users' },
});
