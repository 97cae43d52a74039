/**
 * A TD1 (ID-card size, 3 x 30 characters) machine-readable zone with correct ICAO 9303 check digits, so a
 * reviewer (or a test) can cross-check it against the printed fields.
 */
import { mrzDate } from './dates.js';
import { toMrzText } from './font.js';

export interface MrzInput {
  /** Two letters: `ID` identity card, `IR` residence permit. */
  documentCode: string;
  issuingState: string;
  documentNumber: string;
  dateOfBirth: string;
  gender: 'M' | 'F';
  expirationDate: string;
  nationality: string;
  lastName: string;
  firstName: string;
}

export interface Mrz {
  mrz_type: 'TD1';
  lines: string[];
  mrz_string: string;
  document_type: string;
  country: string;
  document_number: string;
  birth_date: string;
  sex: string;
  expiry_date: string;
  nationality: string;
  surname: string;
  name: string;
  checksums_valid: boolean;
}

const WEIGHTS = [7, 3, 1];

/** ICAO 9303 check digit: digits as themselves, A-Z as 10-35, `<` as 0, weighted 7-3-1, modulo 10. */
function checkDigit(field: string): string {
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const ch = field[i];
    const value = ch === '<' ? 0 : /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * WEIGHTS[i % 3];
  }
  return String(sum % 10);
}

const pad = (s: string, n: number) => s.slice(0, n).padEnd(n, '<');

export function buildTd1(input: MrzInput): Mrz {
  const number = pad(toMrzText(input.documentNumber), 9);
  const line1 = pad(`${pad(input.documentCode, 2)}${input.issuingState}${number}${checkDigit(number)}`, 30);
  const dob = mrzDate(input.dateOfBirth);
  const expiry = mrzDate(input.expirationDate);
  const line2Body = `${dob}${checkDigit(dob)}${input.gender}${expiry}${checkDigit(expiry)}${input.nationality}`;
  const padded = pad(line2Body, 29);
  const composite = line1.slice(5, 30) + padded.slice(0, 7) + padded.slice(8, 15) + padded.slice(18, 29);
  const line2 = padded + checkDigit(composite);
  const line3 = pad(`${toMrzText(input.lastName)}<<${toMrzText(input.firstName)}`, 30);
  const lines = [line1, line2, line3];
  return {
    mrz_type: 'TD1',
    lines,
    mrz_string: lines.join('\n'),
    document_type: input.documentCode,
    country: input.issuingState,
    document_number: number.replace(/<+$/, ''),
    birth_date: dob,
    sex: input.gender,
    expiry_date: expiry,
    nationality: input.nationality,
    surname: toMrzText(input.lastName).replace(/</g, ' ').trim(),
    name: toMrzText(input.firstName).replace(/</g, ' ').trim(),
    checksums_valid: true,
  };
}
