import { defineMessages } from '../define.js';

export const profile = defineMessages({
  en: {
    adviserRecord: 'Adviser record',
    languageTitle: 'Language of the user interface',
    passwordTitle: 'Change password',
    currentPassword: 'Current password',
    confirmPassword: 'New password again',
    changePassword: 'Change password',
    passwordsDiffer: 'The new passwords do not match.',
    currentWrong: 'The current password is wrong.',
    passwordChanged: 'Your password was changed. Your other sessions were ended.',
  },
  fi: {
    adviserRecord: 'Neuvojan tiedot',
    languageTitle: 'Käyttöliittymän kieli',
    passwordTitle: 'Vaihda salasana',
    currentPassword: 'Nykyinen salasana',
    confirmPassword: 'Uusi salasana uudelleen',
    changePassword: 'Vaihda salasana',
    passwordsDiffer: 'Uudet salasanat eivät täsmää.',
    currentWrong: 'Nykyinen salasana on väärin.',
    passwordChanged: 'Salasanasi vaihdettiin. Muut istuntosi päätettiin.',
  },
  sv: {
    adviserRecord: 'Rådgivarens uppgifter',
    languageTitle: 'Användargränssnittets språk',
    passwordTitle: 'Byt lösenord',
    currentPassword: 'Nuvarande lösenord',
    confirmPassword: 'Nytt lösenord igen',
    changePassword: 'Byt lösenord',
    passwordsDiffer: 'De nya lösenorden stämmer inte överens.',
    currentWrong: 'Det nuvarande lösenordet är fel.',
    passwordChanged: 'Ditt lösenord byttes. Dina andra sessioner avslutades.',
  },
});
