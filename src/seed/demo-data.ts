/** The demo region: three cities, three services as in the brief, 12 advisers per city. */

export const DEMO_CITIES = [
  { code: 'helsinki', fi: 'Helsinki', sv: 'Helsingfors', en: 'Helsinki', colour: '#0072c6' },
  { code: 'espoo', fi: 'Espoo', sv: 'Esbo', en: 'Espoo', colour: '#249fe1' },
  { code: 'vantaa', fi: 'Vantaa', sv: 'Vanda', en: 'Vantaa', colour: '#c8102e' },
] as const;

export const DEMO_SHARES: Record<string, number> = { helsinki: 0.5, espoo: 0.25, vantaa: 0.25 };

const weekdays = [1, 2, 3, 4, 5];
export const DEMO_SERVICES = [
  {
    code: 'phone',
    fi: 'Puhelinneuvonta',
    sv: 'Telefonrådgivning',
    en: 'Phone advisory',
    unit: 'turn' as const,
    templates: weekdays.flatMap((weekday) => [
      { weekday, start: '09:00', end: '12:00', headcount: 2, language: 'sv' },
      { weekday, start: '12:00', end: '16:00', headcount: 2, language: 'sv' },
    ]),
  },
  {
    code: 'email',
    fi: 'Sähköpostineuvonta',
    sv: 'E-postrådgivning',
    en: 'Email advisory',
    unit: 'turn' as const,
    templates: weekdays.map((weekday) => ({ weekday, start: '08:00', end: '16:00', headcount: 1, language: null })),
  },
  {
    code: 'change_security',
    fi: 'Muutosturvaneuvonta',
    sv: 'Omställningsskydd, rådgivning',
    en: 'Change-security counselling',
    unit: 'week' as const,
    templates: weekdays.map((weekday) => ({ weekday, start: '09:00', end: '15:00', headcount: 1, language: null })),
  },
];

const FIRST = [
  'Aino',
  'Eero',
  'Helmi',
  'Juha',
  'Kaisa',
  'Lauri',
  'Minna',
  'Niko',
  'Outi',
  'Pekka',
  'Riikka',
  'Sami',
  'Anna',
  'Björn',
  'Elin',
  'Fredrik',
  'Hanna',
  'Jonas',
  'Linnea',
  'Mikael',
  'Sofia',
  'Tomas',
  'Ulla',
  'Viktor',
  'Emma',
  'Ilkka',
  'Jenni',
  'Kari',
  'Leena',
  'Marko',
  'Noora',
  'Olli',
  'Paula',
  'Risto',
  'Satu',
  'Timo',
];
const LAST = [
  'Virtanen',
  'Korhonen',
  'Mäkinen',
  'Nieminen',
  'Hämäläinen',
  'Laine',
  'Heikkinen',
  'Koskinen',
  'Järvinen',
  'Lehtonen',
  'Lindqvist',
  'Holmström',
  'Sjöberg',
  'Grönroos',
  'Åberg',
  'Öhman',
  'Salo',
  'Rantanen',
];

export interface DemoAdviser {
  name: string;
  email: string;
  city: string;
  skills: string[];
  languages: string[];
  maxHoursPerWeek: number;
  desired: number[];
  undesired: number[];
}

/** Deterministic advisers: the same demo on every machine. */
export function demoAdvisers(): DemoAdviser[] {
  const out: DemoAdviser[] = [];
  DEMO_CITIES.forEach((city, c) => {
    for (let i = 0; i < 12; i++) {
      const n = c * 12 + i;
      const first = FIRST[n % FIRST.length] as string;
      const last = LAST[(n * 7) % LAST.length] as string;
      const skills = ['phone'];
      if (i % 3 !== 2) skills.push('email');
      if (i % 3 === 0 || i === 1) skills.push('change_security');
      const languages = ['fi'];
      if (i % 3 === 1 || i === 0) languages.push('sv');
      if (i % 4 !== 3) languages.push('en');
      out.push({
        name: `${first} ${last}`,
        email:
          `${first}.${last}`
            .toLowerCase()
            .normalize('NFD')
            .replace(/[^a-z.]/g, '') + `@${city.code}.example`,
        city: city.code,
        skills,
        languages,
        maxHoursPerWeek: [16, 20, 24, 12][i % 4] as number,
        desired: i % 5 === 0 ? [2] : [],
        undesired: i % 5 === 1 ? [5] : [],
      });
    }
  });
  return out;
}
