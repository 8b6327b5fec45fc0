import { defineMessages } from '../define.js';

export const auth = defineMessages({
  en: {
    title: 'Log in',
    username: 'User name',
    password: 'Password',
    submit: 'Log in',
    failed: 'The user name or password is wrong.',
    loggedOut: 'You have logged out.',
    sessionExpired: 'Your session has expired. Please log in again.',
  },
  fi: {
    title: 'Kirjaudu sisään',
    username: 'Käyttäjätunnus',
    password: 'Salasana',
    submit: 'Kirjaudu',
    failed: 'Käyttäjätunnus tai salasana on väärin.',
    loggedOut: 'Olet kirjautunut ulos.',
    sessionExpired: 'Istuntosi on vanhentunut. Kirjaudu uudelleen.',
  },
  sv: {
    title: 'Logga in',
    username: 'Användarnamn',
    password: 'Lösenord',
    submit: 'Logga in',
    failed: 'Användarnamnet eller lösenordet är fel.',
    loggedOut: 'Du har loggat ut.',
    sessionExpired: 'Din session har gått ut. Logga in igen.',
  },
});
