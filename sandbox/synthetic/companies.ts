/**
 * Fictional companies: names built from each language's word for "sample" or "example", the jurisdiction's
 * legal forms and registry number formats, and an address in that country.
 */
import { randomDay } from './dates.js';
import { COUNTRIES, fillPattern, randomAddress, type Address, type Country } from './people.js';
import { digits, letters } from './rng.js';
import type { Rng } from './types.js';

interface Jurisdiction {
  stems: readonly string[];
  legalForms: readonly { short: string; long: string }[];
  /** `#` is a random digit. */
  registrationPattern: string;
  registry: string;
}

const JURISDICTIONS: Record<string, Jurisdiction> = {
  ESP: {
    stems: ['Ejemplo', 'Muestra', 'Prueba'],
    legalForms: [
      { short: 'S.L.', long: 'Sociedad de Responsabilidad Limitada' },
      { short: 'S.A.', long: 'Sociedad Anónima' },
    ],
    registrationPattern: 'B########',
    registry: 'Registro Mercantil de Ejemplo',
  },
  DNK: {
    stems: ['Prøve', 'Eksempel', 'Mønster'],
    legalForms: [
      { short: 'ApS', long: 'Anpartsselskab' },
      { short: 'A/S', long: 'Aktieselskab' },
    ],
    registrationPattern: '########',
    registry: 'Erhvervsstyrelsen (sandbox)',
  },
  HRV: {
    stems: ['Uzorak', 'Primjer', 'Ogled'],
    legalForms: [{ short: 'd.o.o.', long: 'društvo s ograničenom odgovornošću' }],
    registrationPattern: '0########',
    registry: 'Sudski registar (sandbox)',
  },
  DEU: {
    stems: ['Muster', 'Beispiel', 'Probe'],
    legalForms: [
      { short: 'GmbH', long: 'Gesellschaft mit beschränkter Haftung' },
      { short: 'AG', long: 'Aktiengesellschaft' },
    ],
    registrationPattern: 'HRB ######',
    registry: 'Handelsregister Musterstadt',
  },
  JPN: {
    stems: ['見本', '例示', 'Mihon'],
    legalForms: [{ short: '株式会社', long: 'Kabushiki Kaisha' }],
    registrationPattern: '####-##-######',
    registry: 'Legal Affairs Bureau (sandbox)',
  },
  ISL: {
    stems: ['Dæmi', 'Sýnishorn', 'Próf'],
    legalForms: [{ short: 'ehf.', long: 'einkahlutafélag' }],
    registrationPattern: '######-####',
    registry: 'Fyrirtækjaskrá (sandbox)',
  },
  POL: {
    stems: ['Wzór', 'Przykład', 'Próbka'],
    legalForms: [{ short: 'sp. z o.o.', long: 'spółka z ograniczoną odpowiedzialnością' }],
    registrationPattern: '##########',
    registry: 'Krajowy Rejestr Sądowy (sandbox)',
  },
  PRT: {
    stems: ['Exemplo', 'Amostra', 'Modelo'],
    legalForms: [{ short: 'Lda.', long: 'Sociedade por Quotas' }],
    registrationPattern: '5########',
    registry: 'Registo Comercial (sandbox)',
  },
  FIN: {
    stems: ['Malli', 'Esimerkki', 'Näyte'],
    legalForms: [{ short: 'Oy', long: 'Osakeyhtiö' }],
    registrationPattern: '#######-#',
    registry: 'Kaupparekisteri (sandbox)',
  },
  MEX: {
    stems: ['Ejemplo', 'Muestra', 'Modelo'],
    legalForms: [{ short: 'S.A. de C.V.', long: 'Sociedad Anónima de Capital Variable' }],
    registrationPattern: 'N-####-######',
    registry: 'Registro Público de Comercio (sandbox)',
  },
  GBR: {
    stems: ['Specimen', 'Sample', 'Example'],
    legalForms: [
      { short: 'Ltd', long: 'Private company limited by shares' },
      { short: 'PLC', long: 'Public limited company' },
    ],
    registrationPattern: '########',
    registry: 'Companies Register (sandbox)',
  },
};

/** Romanisations of the Japanese name parts, for documents. */
const ROMAJI: Record<string, string> = {
  見本: 'Mihon',
  例示: 'Reiji',
  商事: 'Shoji',
  物流: 'Butsuryu',
  食品: 'Shokuhin',
  電機: 'Denki',
  ホールディングス: 'Holdings',
};

const JAPANESE_TRADES = ['商事', '物流', '食品', '電機'];
const TRADES = [
  'Logistics',
  'Trading',
  'Foods',
  'Shipping',
  'Analytics',
  'Textiles',
  'Energy',
  'Payments',
  'Ceramics',
  'Robotics',
];
const HOLDING_WORDS = ['Holding', 'Capital', 'Investments', 'Participations'];

export interface Company {
  id: string;
  legalName: string;
  /** The name in Latin script, for the document fonts (differs only for names in Japanese script). */
  latinName: string;
  registrationNumber: string;
  country: Country;
  incorporationDate: string;
  address: Address;
  legalForm: string;
  registry: string;
}

export function randomCompany(rng: Rng, options: { country?: Country; holding?: boolean } = {}): Company {
  const country = options.country ?? rng.pick(COUNTRIES);
  const j = JURISDICTIONS[country.alpha3];
  const form = rng.pick(j.legalForms);
  const stem = rng.pick(j.stems);
  // Names in Japanese script take Japanese trade words and put the form first (株式会社見本商事).
  const japanese = /^[^A-Za-z]/.test(stem) && form.short === '株式会社';
  const trade = rng.pick(
    options.holding ? (japanese ? ['ホールディングス'] : HOLDING_WORDS) : japanese ? JAPANESE_TRADES : TRADES,
  );
  const suffix = form.short === '株式会社' ? 'K.K.' : form.short;
  const legalName = japanese ? `${form.short}${stem}${trade}` : `${stem} ${trade} ${suffix}`;
  return {
    id: `company-${letters(rng, 4).toLowerCase()}${digits(rng, 6)}`,
    legalName,
    latinName: japanese ? `${ROMAJI[stem]} ${ROMAJI[trade]} ${suffix}` : legalName,
    registrationNumber: fillPattern(rng, j.registrationPattern),
    country,
    incorporationDate: randomDay(rng, -365 * 40, -365 * 2),
    address: randomAddress(rng, country),
    legalForm: form.long,
    registry: j.registry,
  };
}
