/**
 * Fictional companies: names built from each language's word for "sample" or "example", the jurisdiction's
 * legal forms and registry number formats, and an address in that country. `registryCompany` turns one into the
 * company object of a Didit registry check (business-verification/company-data).
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
  /** Currency of the registered capital and the usual minimum amount for the legal forms. */
  currency: string;
  minimumCapital: number;
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
    currency: 'EUR',
    minimumCapital: 3000,
  },
  DNK: {
    stems: ['Prøve', 'Eksempel', 'Mønster'],
    legalForms: [
      { short: 'ApS', long: 'Anpartsselskab' },
      { short: 'A/S', long: 'Aktieselskab' },
    ],
    registrationPattern: '########',
    registry: 'Erhvervsstyrelsen (sandbox)',
    currency: 'DKK',
    minimumCapital: 40000,
  },
  HRV: {
    stems: ['Uzorak', 'Primjer', 'Ogled'],
    legalForms: [{ short: 'd.o.o.', long: 'društvo s ograničenom odgovornošću' }],
    registrationPattern: '0########',
    registry: 'Sudski registar (sandbox)',
    currency: 'EUR',
    minimumCapital: 2500,
  },
  DEU: {
    stems: ['Muster', 'Beispiel', 'Probe'],
    legalForms: [
      { short: 'GmbH', long: 'Gesellschaft mit beschränkter Haftung' },
      { short: 'AG', long: 'Aktiengesellschaft' },
    ],
    registrationPattern: 'HRB ######',
    registry: 'Handelsregister Musterstadt',
    currency: 'EUR',
    minimumCapital: 25000,
  },
  JPN: {
    stems: ['見本', '例示', 'Mihon'],
    legalForms: [{ short: '株式会社', long: 'Kabushiki Kaisha' }],
    registrationPattern: '####-##-######',
    registry: 'Legal Affairs Bureau (sandbox)',
    currency: 'JPY',
    minimumCapital: 1000000,
  },
  ISL: {
    stems: ['Dæmi', 'Sýnishorn', 'Próf'],
    legalForms: [{ short: 'ehf.', long: 'einkahlutafélag' }],
    registrationPattern: '######-####',
    registry: 'Fyrirtækjaskrá (sandbox)',
    currency: 'ISK',
    minimumCapital: 500000,
  },
  POL: {
    stems: ['Wzór', 'Przykład', 'Próbka'],
    legalForms: [{ short: 'sp. z o.o.', long: 'spółka z ograniczoną odpowiedzialnością' }],
    registrationPattern: '##########',
    registry: 'Krajowy Rejestr Sądowy (sandbox)',
    currency: 'PLN',
    minimumCapital: 5000,
  },
  PRT: {
    stems: ['Exemplo', 'Amostra', 'Modelo'],
    legalForms: [{ short: 'Lda.', long: 'Sociedade por Quotas' }],
    registrationPattern: '5########',
    registry: 'Registo Comercial (sandbox)',
    currency: 'EUR',
    minimumCapital: 5000,
  },
  FIN: {
    stems: ['Malli', 'Esimerkki', 'Näyte'],
    legalForms: [{ short: 'Oy', long: 'Osakeyhtiö' }],
    registrationPattern: '#######-#',
    registry: 'Kaupparekisteri (sandbox)',
    currency: 'EUR',
    minimumCapital: 2500,
  },
  MEX: {
    stems: ['Ejemplo', 'Muestra', 'Modelo'],
    legalForms: [{ short: 'S.A. de C.V.', long: 'Sociedad Anónima de Capital Variable' }],
    registrationPattern: 'N-####-######',
    registry: 'Registro Público de Comercio (sandbox)',
    currency: 'MXN',
    minimumCapital: 50000,
  },
  GBR: {
    stems: ['Specimen', 'Sample', 'Example'],
    legalForms: [
      { short: 'Ltd', long: 'Private company limited by shares' },
      { short: 'PLC', long: 'Public limited company' },
    ],
    registrationPattern: '########',
    registry: 'Companies Register (sandbox)',
    currency: 'GBP',
    minimumCapital: 1000,
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
/** What a trade word says the company does (`nature_of_business`). */
const ACTIVITIES: Record<string, string> = {
  Logistics: 'Freight transport and logistics',
  Trading: 'Wholesale trade',
  Foods: 'Manufacture of food products',
  Shipping: 'Sea and coastal freight water transport',
  Analytics: 'Data processing and related activities',
  Textiles: 'Manufacture of textiles',
  Energy: 'Electric power generation',
  Payments: 'Payment services',
  Ceramics: 'Manufacture of ceramic products',
  Robotics: 'Manufacture of industrial machinery',
  商事: 'Wholesale trade',
  物流: 'Freight transport and logistics',
  食品: 'Manufacture of food products',
  電機: 'Manufacture of electrical equipment',
};
const HOLDING_ACTIVITY = 'Activities of holding companies';

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
  /** The legal form's abbreviation (`company_type`), e.g. "sp. z o.o.". */
  companyType: string;
  /** `nature_of_business`. */
  activity: string;
  registry: string;
  capital: { amount: number; currency: string };
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
  const registrationNumber = fillPattern(rng, j.registrationPattern);
  // No further rng draws: the capital follows from the registration number, so the people drawn after a company
  // stay the same.
  const digitSum = [...registrationNumber].reduce((n, ch) => n + (/\d/.test(ch) ? Number(ch) : 0), 0);
  return {
    id: `company-${letters(rng, 4).toLowerCase()}${digits(rng, 6)}`,
    legalName,
    latinName: japanese ? `${ROMAJI[stem]} ${ROMAJI[trade]} ${suffix}` : legalName,
    registrationNumber,
    country,
    incorporationDate: randomDay(rng, -365 * 40, -365 * 2),
    address: randomAddress(rng, country),
    legalForm: form.long,
    companyType: form.short,
    activity: options.holding ? HOLDING_ACTIVITY : (ACTIVITIES[trade] ?? 'Other business activities'),
    registry: j.registry,
    capital: { amount: j.minimumCapital * (1 + (digitSum % 10)), currency: j.currency },
  };
}

/** A company as a Didit registry check reports it (business-verification/company-data). */
export function registryCompany(company: Company, dissolved = false) {
  const digitsOnly = company.registrationNumber.replace(/\D/g, '');
  const lei = `5299${company.id.replace(/[^a-z0-9]/gi, '').toUpperCase()}`.padEnd(18, '0').slice(0, 18);
  return {
    company_name: company.legalName,
    registration_number: company.registrationNumber,
    country_code: company.country.alpha3,
    company_type: company.companyType,
    registry_status: dissolved ? 'dissolved' : 'active',
    incorporation_date: company.incorporationDate,
    registered_address: company.address.formatted,
    tax_number: `${company.country.alpha2}${digitsOnly}`,
    alternative_names: company.latinName !== company.legalName ? [company.latinName] : [],
    legal_entity_identifier: `${lei}${String((Number(digitsOnly.slice(-2) || '0') % 90) + 10)}`,
    nature_of_business: company.activity,
    registered_capital: company.capital,
    location_of_registration: company.address.city.name,
    is_from_registry: true,
  };
}
