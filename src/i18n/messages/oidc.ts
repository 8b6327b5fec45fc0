import { defineMessages } from '../define.js';

export const oidc = defineMessages({
  en: {
    signIn: 'Sign in with the city account',
    signInHint: 'Use the same account as for your other city services.',
    orPassword: 'Or log in with a vuoro user name and password',
    passwordOff: 'Logging in with a password is switched off. Sign in with the city account.',
    refusedTitle: 'Sign-in refused',
    failedTitle: 'Sign-in did not succeed',
    no_role:
      'Your city account has no access to vuoro. Access is given through the groups of your city account: ask your supervisor or your city’s IT support to add you to the right group.',
    deactivated: 'Your vuoro account has been deactivated. If you still need access, ask a vuoro administrator.',
    no_adviser:
      'Your account is an adviser’s, but vuoro has no adviser with the email address of your city account. Ask your supervisor to check your adviser details in vuoro.',
    failed: 'The sign-in could not be completed. It may have taken too long, or been started in another window. Please try again.',
    unavailable: 'The city’s sign-in service cannot be reached just now. Please try again in a moment.',
    tryAgain: 'Try again',
    backToLogin: 'Back to the login page',
    managedByProvider:
      'This user signs in with the city account. Name, email, role, city and adviser are set from the city account at each sign-in, so change the groups there. To keep the user out, deactivate them here.',
    noPassword: 'You sign in with the city account, so you have no separate vuoro password. Change your password in the city’s own services.',
  },
  fi: {
    signIn: 'Kirjaudu kaupungin tunnuksella',
    signInHint: 'Käytä samaa tunnusta kuin kaupungin muissa palveluissa.',
    orPassword: 'Tai kirjaudu Vuoro-palvelun käyttäjätunnuksella ja salasanalla',
    passwordOff: 'Salasanalla kirjautuminen on poistettu käytöstä. Kirjaudu kaupungin tunnuksella.',
    refusedTitle: 'Kirjautuminen estetty',
    failedTitle: 'Kirjautuminen ei onnistunut',
    no_role:
      'Kaupungin tunnuksellasi ei ole käyttöoikeutta Vuoro-palveluun. Oikeus annetaan kaupungin tunnuksen ryhmillä: pyydä esihenkilöäsi tai kaupungin IT-tukea lisäämään sinut oikeaan ryhmään.',
    deactivated: 'Vuoro-tunnuksesi on poistettu käytöstä. Jos tarvitset yhä pääsyn, ota yhteyttä Vuoro-palvelun pääkäyttäjään.',
    no_adviser:
      'Tunnuksesi on neuvojan tunnus, mutta Vuoro-palvelussa ei ole neuvojaa kaupungin tunnuksesi sähköpostiosoitteella. Pyydä esihenkilöäsi tarkistamaan neuvojatietosi.',
    failed: 'Kirjautumista ei voitu viedä loppuun. Se on voinut kestää liian kauan tai alkaa toisessa ikkunassa. Yritä uudelleen.',
    unavailable: 'Kaupungin kirjautumispalveluun ei juuri nyt saada yhteyttä. Yritä hetken kuluttua uudelleen.',
    tryAgain: 'Yritä uudelleen',
    backToLogin: 'Takaisin kirjautumissivulle',
    managedByProvider:
      'Tämä käyttäjä kirjautuu kaupungin tunnuksella. Nimi, sähköposti, rooli, kaupunki ja neuvoja päivittyvät kaupungin tunnuksesta jokaisella kirjautumisella, joten muuta ryhmiä siellä. Voit estää käyttäjän kirjautumisen poistamalla hänet käytöstä täällä.',
    noPassword: 'Kirjaudut kaupungin tunnuksella, joten sinulla ei ole erillistä Vuoro-palvelun salasanaa. Vaihda salasanasi kaupungin omissa palveluissa.',
  },
  sv: {
    signIn: 'Logga in med stadens konto',
    signInHint: 'Använd samma konto som för stadens andra tjänster.',
    orPassword: 'Eller logga in med användarnamn och lösenord för vuoro',
    passwordOff: 'Inloggning med lösenord är avstängd. Logga in med stadens konto.',
    refusedTitle: 'Inloggningen nekades',
    failedTitle: 'Inloggningen misslyckades',
    no_role:
      'Ditt stadskonto har ingen behörighet till vuoro. Behörigheten ges genom grupperna för ditt stadskonto: be din chef eller stadens IT-stöd att lägga till dig i rätt grupp.',
    deactivated: 'Ditt vuoro-konto har inaktiverats. Om du fortfarande behöver tillgång, kontakta en administratör för vuoro.',
    no_adviser:
      'Ditt konto är en rådgivares, men vuoro har ingen rådgivare med e-postadressen för ditt stadskonto. Be din chef kontrollera dina rådgivaruppgifter i vuoro.',
    failed: 'Inloggningen kunde inte slutföras. Den kan ha tagit för lång tid eller ha påbörjats i ett annat fönster. Försök igen.',
    unavailable: 'Stadens inloggningstjänst kan inte nås just nu. Försök igen om en stund.',
    tryAgain: 'Försök igen',
    backToLogin: 'Tillbaka till inloggningssidan',
    managedByProvider:
      'Den här användaren loggar in med stadens konto. Namn, e-post, roll, stad och rådgivare hämtas från stadens konto vid varje inloggning, så ändra grupperna där. Inaktivera användaren här för att stänga ute hen.',
    noPassword: 'Du loggar in med stadens konto och har därför inget eget lösenord för vuoro. Byt lösenord i stadens egna tjänster.',
  },
});
