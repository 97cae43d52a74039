/**
 * Fictional people. Surnames are the words for "sample" / "example" / "specimen" in each country's language (or
 * the placeholder names its specimen documents use), so no name can be mistaken for a real person; they carry
 * accents, ligatures and (for place names) CJK script on purpose, to exercise unicode paths end to end.
 */
import type { Rng } from './types.js';
import { ageAtReference, randomDay } from './dates.js';
import { digits, letters } from './rng.js';

export interface Place {
  name: string;
  /** How a Latin-only card or MRZ writes it. */
  latin: string;
}

export interface Country {
  alpha3: string;
  alpha2: string;
  name: string;
  phonePrefix: string;
  /** Digits after the prefix; `#` is a random digit. */
  mobilePattern: string;
  postalPattern: string;
  surnames: readonly string[];
  given: { M: readonly string[]; F: readonly string[] };
  places: readonly Place[];
  streets: readonly Place[];
  /** Carrier names are fictional too. */
  carriers: readonly string[];
}

const p = (name: string, latin = name): Place => ({ name, latin });

export const COUNTRIES: readonly Country[] = [
  {
    alpha3: 'ESP',
    alpha2: 'ES',
    name: 'Spain',
    phonePrefix: '+34',
    mobilePattern: '6## ### ###',
    postalPattern: '#####',
    surnames: ['Muñoz Ejemplo', 'Española Española', 'Ibáñez Muestra', 'Peña Prueba'],
    given: { M: ['Iñaki', 'Jesús', 'Álvaro'], F: ['Carmen', 'Begoña', 'Lucía'] },
    places: [p('Cádiz'), p('A Coruña'), p('Logroño')],
    streets: [p('Calle del Ejemplo'), p('Avenida de la Muestra'), p('Plaza de la Prueba')],
    carriers: ['Telefonía Ejemplo'],
  },
  {
    alpha3: 'DNK',
    alpha2: 'DK',
    name: 'Denmark',
    phonePrefix: '+45',
    mobilePattern: '## ## ## ##',
    postalPattern: '####',
    surnames: ['Ærø Prøvesen', 'Eksempelsen', 'Mønstergård'],
    given: { M: ['Søren', 'Bjørn', 'Jørgen'], F: ['Åse', 'Sølvi', 'Birgitte'] },
    places: [p('Ærøskøbing'), p('Næstved'), p('Højer')],
    streets: [p('Prøvevej'), p('Eksempelgade'), p('Mønsterallé')],
    carriers: ['Prøve Mobil'],
  },
  {
    alpha3: 'HRV',
    alpha2: 'HR',
    name: 'Croatia',
    phonePrefix: '+385',
    mobilePattern: '9# ### ####',
    postalPattern: '#####',
    surnames: ['Šimić Uzorak', 'Primjerić', 'Uzorković'],
    given: { M: ['Dražen', 'Tomislav', 'Đuro'], F: ['Željka', 'Ivančica', 'Mirjana'] },
    places: [p('Šibenik'), p('Čakovec'), p('Požega')],
    streets: [p('Uzorna ulica'), p('Primjerska cesta'), p('Ulica Oglednih')],
    carriers: ['Uzorak Telekom'],
  },
  {
    alpha3: 'DEU',
    alpha2: 'DE',
    name: 'Germany',
    phonePrefix: '+49',
    mobilePattern: '15# ########',
    postalPattern: '#####',
    surnames: ['Mustermann', 'Musterfrau', 'Gabler-Muster'],
    given: { M: ['Jürgen', 'Max', 'Björn'], F: ['Erika', 'Jördis', 'Käthe'] },
    places: [p('München'), p('Köln'), p('Görlitz')],
    streets: [p('Musterstraße'), p('Beispielweg'), p('Heidestraße')],
    carriers: ['Muster Funk'],
  },
  {
    alpha3: 'JPN',
    alpha2: 'JP',
    name: 'Japan',
    phonePrefix: '+81',
    mobilePattern: '90 #### ####',
    postalPattern: '###-####',
    surnames: ['Yamada', 'Mihon', 'Tameshi'],
    given: { M: ['Tarō', 'Kenji', 'Shūhei'], F: ['Hanako', 'Yūko', 'Kyōko'] },
    places: [p('東京', 'Tokyo'), p('大阪', 'Osaka'), p('札幌', 'Sapporo')],
    streets: [p('見本町', 'Mihon-cho'), p('例示通り', 'Reiji-dori'), p('Mihon-chō')],
    carriers: ['Mihon Denwa'],
  },
  {
    alpha3: 'ISL',
    alpha2: 'IS',
    name: 'Iceland',
    phonePrefix: '+354',
    mobilePattern: '### ####',
    postalPattern: '###',
    surnames: ['Dæmisdóttir', 'Prófsson', 'Sýnisdóttir'],
    given: { M: ['Þórður', 'Sigurður', 'Óðinn'], F: ['Guðrún', 'Þóra', 'Ásdís'] },
    places: [p('Reykjavík'), p('Ísafjörður'), p('Egilsstaðir')],
    streets: [p('Dæmigata'), p('Sýnishornsvegur'), p('Prófstígur')],
    carriers: ['Dæmi Sími'],
  },
  {
    alpha3: 'POL',
    alpha2: 'PL',
    name: 'Poland',
    phonePrefix: '+48',
    mobilePattern: '5## ### ###',
    postalPattern: '##-###',
    surnames: ['Próbka-Wzorowa', 'Przykładowski', 'Wzorcowa'],
    given: { M: ['Łukasz', 'Paweł', 'Zbigniew'], F: ['Małgorzata', 'Zofia', 'Jadwiga'] },
    places: [p('Łódź'), p('Kraków'), p('Gdańsk')],
    streets: [p('ul. Wzorcowa'), p('ul. Przykładowa'), p('al. Próbna')],
    carriers: ['Wzór Komórka'],
  },
  {
    alpha3: 'PRT',
    alpha2: 'PT',
    name: 'Portugal',
    phonePrefix: '+351',
    mobilePattern: '9## ### ###',
    postalPattern: '####-###',
    surnames: ['Exemplo da Silva', 'Amostra Conceição', 'Modelo Gonçalves'],
    given: { M: ['João', 'Sebastião', 'Tomé'], F: ['Conceição', 'Inês', 'Leonor'] },
    places: [p('Évora'), p('Guimarães'), p('Bragança')],
    streets: [p('Rua do Exemplo'), p('Avenida da Amostra'), p('Travessa do Modelo')],
    carriers: ['Exemplo Móvel'],
  },
  {
    alpha3: 'FIN',
    alpha2: 'FI',
    name: 'Finland',
    phonePrefix: '+358',
    mobilePattern: '40 ### ####',
    postalPattern: '#####',
    surnames: ['Mallikas', 'Esimerkki-Mäkinen', 'Näytelä'],
    given: { M: ['Väinö', 'Jyrki', 'Tuomas'], F: ['Hilkka', 'Sanna', 'Päivi'] },
    places: [p('Jyväskylä'), p('Hämeenlinna'), p('Pietarsaari')],
    streets: [p('Esimerkkikatu'), p('Mallitie'), p('Näytepolku')],
    carriers: ['Malli Puhelin'],
  },
  {
    alpha3: 'MEX',
    alpha2: 'MX',
    name: 'Mexico',
    phonePrefix: '+52',
    mobilePattern: '55 #### ####',
    postalPattern: '#####',
    surnames: ['Ejemplo Núñez', 'Muestra Peña', 'Modelo Ávila'],
    given: { M: ['José Ángel', 'Raúl', 'Efraín'], F: ['Ximena', 'Guadalupe', 'Mónica'] },
    places: [p('Mérida'), p('Querétaro'), p('Tlaxcala')],
    streets: [p('Calle Muestra'), p('Avenida Ejemplo'), p('Privada del Modelo')],
    carriers: ['Muestra Cel'],
  },
  {
    alpha3: 'GBR',
    alpha2: 'GB',
    name: 'United Kingdom',
    phonePrefix: '+44',
    mobilePattern: '7### ######',
    postalPattern: 'SP# #MN',
    surnames: ['Bloggs', 'Specimen', 'Citizen'],
    given: { M: ['Joe', 'Fred', 'Rhodri'], F: ['Angharad', 'Jane', 'Siân'] },
    places: [p('Ynys Môn'), p('Llandudno'), p('York')],
    streets: [p('Sample Road'), p('Specimen Lane'), p('Example Close')],
    carriers: ['Sample Mobile'],
  },
];

export type Gender = 'M' | 'F';

export interface Looks {
  skin: readonly [number, number, number];
  hair: readonly [number, number, number];
  /** 0 short, 1 long, 2 bun, 3 bald. */
  hairStyle: number;
  eyes: readonly [number, number, number];
  glasses: boolean;
}

export interface Person {
  /** Stable id for this person across a session's documents and ownership paths. */
  id: string;
  firstName: string;
  lastName: string;
  fullName: string;
  gender: Gender;
  dateOfBirth: string;
  age: number;
  country: Country;
  placeOfBirth: Place;
  address: Address;
  looks: Looks;
}

export interface Address {
  street: string;
  city: Place;
  postalCode: string;
  country: Country;
  /** One line, as documents print it. */
  formatted: string;
  /** The same line in Latin script, for the card and PDF fonts that have no CJK glyphs. */
  latin: string;
}

const SKIN: readonly (readonly [number, number, number])[] = [
  [255, 224, 196],
  [241, 194, 160],
  [224, 172, 105],
  [198, 134, 66],
  [141, 85, 36],
  [96, 60, 30],
];
const HAIR: readonly (readonly [number, number, number])[] = [
  [30, 24, 20],
  [70, 45, 25],
  [120, 80, 40],
  [200, 160, 90],
  [160, 60, 30],
  [150, 150, 150],
];
const EYES: readonly (readonly [number, number, number])[] = [
  [60, 40, 25],
  [40, 90, 150],
  [60, 110, 70],
  [90, 70, 40],
];

export function fillPattern(rng: Rng, pattern: string): string {
  return pattern.replace(/#/g, () => String(rng.int(0, 9)));
}

export function randomAddress(rng: Rng, country: Country): Address {
  const street = rng.pick(country.streets);
  const number = rng.int(1, 120);
  const city = rng.pick(country.places);
  const postalCode = fillPattern(rng, country.postalPattern);
  return {
    street: `${street.name} ${number}`,
    city,
    postalCode,
    country,
    formatted: `${street.name} ${number}, ${postalCode} ${city.name}, ${country.name}`,
    latin: `${street.latin} ${number}, ${postalCode} ${city.latin}, ${country.name}`,
  };
}

export function randomPerson(rng: Rng, options: { country?: Country; minAge?: number; maxAge?: number } = {}): Person {
  const country = options.country ?? rng.pick(COUNTRIES);
  const gender: Gender = rng.next() < 0.5 ? 'M' : 'F';
  const firstName = rng.pick(country.given[gender]);
  const lastName = rng.pick(country.surnames);
  const minAge = options.minAge ?? 19;
  const maxAge = options.maxAge ?? 78;
  const dateOfBirth = randomDay(rng, -365 * maxAge, -365 * minAge - 10);
  return {
    id: `person-${letters(rng, 4).toLowerCase()}${digits(rng, 6)}`,
    firstName,
    lastName,
    fullName: `${firstName} ${lastName}`,
    gender,
    dateOfBirth,
    age: ageAtReference(dateOfBirth),
    country,
    placeOfBirth: rng.pick(country.places),
    address: randomAddress(rng, country),
    looks: randomLooks(rng),
  };
}

/** People for one session: a new person never shares a full name with one already drawn. */
export function personPool(rng: Rng) {
  const used = new Set<string>();
  return (options: Parameters<typeof randomPerson>[1] = {}): Person => {
    for (let attempt = 0; ; attempt++) {
      // After a few clashes the country's names are used up: let any country supply the person.
      const person = randomPerson(rng, attempt < 8 ? options : { ...options, country: undefined });
      if (!used.has(person.fullName) || attempt > 40) {
        used.add(person.fullName);
        return person;
      }
    }
  };
}

export function randomLooks(rng: Rng): Looks {
  return {
    skin: rng.pick(SKIN),
    hair: rng.pick(HAIR),
    hairStyle: rng.int(0, 3),
    eyes: rng.pick(EYES),
    glasses: rng.next() < 0.25,
  };
}
