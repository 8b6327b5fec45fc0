import { defineMessages } from '../define.js';

export const absences = defineMessages({
  en: { title: 'absences' },
  fi: { title: 'absences' },
  sv: { title: 'absences' },
});
