import { defineMessages } from '../define.js';

export const apiDocs = defineMessages({
  en: {
    title: 'JSON API',
    intro:
      'Phone systems and intranets read vuoro through a JSON API. Authenticate with the header Authorization: Bearer <token>; create a token on the API tokens page.',
    spec: 'The machine-readable description (OpenAPI 3.1)',
    endpoints: 'Endpoints',
    method: 'Method',
    path: 'Path',
    summary: 'What it does',
    conventions:
      'Dates are local dates in Helsinki (YYYY-MM-DD), instants ISO 8601 with offset. Errors answer {"error": {"code", "message", "details"}}. Writes carry the version they read and get 409 if someone else changed the object first.',
  },
  fi: {
    title: 'JSON-rajapinta',
    intro:
      'Puhelinjärjestelmät ja intranetit lukevat vuoroa JSON-rajapinnan kautta. Tunnistaudu otsakkeella Authorization: Bearer <avain>; luo avain API-avaimet-sivulla.',
    spec: 'Koneluettava kuvaus (OpenAPI 3.1)',
    endpoints: 'Rajapinnan osoitteet',
    method: 'Metodi',
    path: 'Polku',
    summary: 'Mitä se tekee',
    conventions:
      'Päivämäärät ovat Helsingin paikallisia päiviä (VVVV-KK-PP), ajanhetket ISO 8601 -muodossa aikavyöhykkeen kanssa. Virheet palautetaan muodossa {"error": {"code", "message", "details"}}. Muutos kertoo lukemansa version ja saa vastauksen 409, jos joku muu ehti muuttaa kohdetta.',
  },
  sv: {
    title: 'JSON-gränssnitt',
    intro:
      'Telefonsystem och intranät läser vuoro via ett JSON-gränssnitt. Autentisera med rubriken Authorization: Bearer <nyckel>; skapa en nyckel på sidan API-nycklar.',
    spec: 'Den maskinläsbara beskrivningen (OpenAPI 3.1)',
    endpoints: 'Adresser',
    method: 'Metod',
    path: 'Sökväg',
    summary: 'Vad den gör',
    conventions:
      'Datum är lokala datum i Helsingfors (ÅÅÅÅ-MM-DD), tidpunkter ISO 8601 med tidszon. Fel besvaras med {"error": {"code", "message", "details"}}. En ändring anger versionen den läste och får 409 om någon annan hann ändra objektet.',
  },
});
