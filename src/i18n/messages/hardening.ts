import { defineMessages } from '../define.js';

/** Texts of the hardening work: early request errors and start-up checks. */
export const hardening = defineMessages({
  en: {
    unsupportedCharset: 'The request uses a character set or encoding the service does not accept. Send UTF-8.',
    unsupportedMediaType: 'The request body has a type the service does not accept.',
    badRequest: 'The request could not be read.',
  },
  fi: {
    unsupportedCharset: 'Pyynnön merkistöä tai koodausta ei hyväksytä. Lähetä tiedot UTF-8-muodossa.',
    unsupportedMediaType: 'Pyynnön sisällön tyyppiä ei hyväksytä.',
    badRequest: 'Pyyntöä ei voitu lukea.',
  },
  sv: {
    unsupportedCharset: 'Begäran använder en teckenuppsättning eller kodning som tjänsten inte godtar. Skicka UTF-8.',
    unsupportedMediaType: 'Begärans innehåll är av en typ som tjänsten inte godtar.',
    badRequest: 'Begäran kunde inte läsas.',
  },
});
