/**
 * The raster media of a synthetic session: specimen ID card (front and back), portrait, selfie, and a one-page
 * document scan. Every image says SPECIMEN in large letters; sizes are small so ~80 demo sessions stay fast.
 */
import { drawFace } from './face.js';
import type { Looks } from './people.js';
import { Raster, textWidth, type Rgb } from './raster.js';

const ID_SIZE = { width: 480, height: 300 } as const;
const PORTRAIT_SIZE = { width: 200, height: 240 } as const;
const SELFIE_SIZE = { width: 240, height: 320 } as const;
export const PAGE_SIZE = { width: 420, height: 594 } as const;

const INK: Rgb = [25, 30, 45];
const MUTED: Rgb = [95, 105, 125];
const SPECIMEN_RED: Rgb = [200, 30, 40];

/** A hue per issuing country, so cards from different states do not all look alike. */
function cardTint(key: string): { light: Rgb; mid: Rgb; dark: Rgb } {
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) % 360;
  const hsl = (l: number, s: number): Rgb => {
    const a = s * Math.min(l, 1 - l);
    const f = (n: number) => {
      const k = (n + h / 30) % 12;
      return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
    };
    return [f(0), f(8), f(4)];
  };
  return { light: hsl(0.93, 0.5), mid: hsl(0.82, 0.45), dark: hsl(0.3, 0.55) };
}

/** Fine wavy lines, the look of a security print background. */
function guilloche(r: Raster, color: Rgb, top: number, bottom: number): void {
  for (let k = 0; k < 9; k++) {
    const base = top + ((bottom - top) * (k + 0.5)) / 9;
    for (let x = 0; x < r.width; x++) {
      r.plot(x, base + Math.sin(x / 17 + k) * 9, color, 0.55);
      r.plot(x, base + Math.cos(x / 23 + k * 2) * 7, color, 0.35);
    }
  }
}

/** The word SPECIMEN across the image; `banner` puts it on a light strip, for photos where it must stay legible. */
function specimenMark(r: Raster, centerY: number, maxScale: number, banner = false): void {
  const word = 'SPECIMEN';
  const scale = r.fitScale(word, r.width - 40, maxScale);
  const w = textWidth(word, scale);
  const top = centerY - (7 * scale) / 2;
  if (banner) r.fillRect(0, top - scale * 2, r.width, scale * 11, [255, 255, 255], 0.7);
  r.text((r.width - w) / 2, top, word, scale, SPECIMEN_RED, banner ? 0.9 : 0.5);
}

function field(r: Raster, x: number, y: number, label: string, value: string, maxWidth: number): void {
  r.text(x, y, label, 1, MUTED);
  r.text(x, y + 10, value, r.fitScale(value, maxWidth, 2), INK);
}

export interface CardFront {
  issuingStateName: string;
  issuingState: string;
  documentType: string;
  lastName: string;
  firstName: string;
  dateOfBirth: string;
  gender: string;
  nationality: string;
  documentNumber: string;
  expirationDate: string;
  looks: Looks;
}

export function idFrontPng(c: CardFront): Uint8Array {
  const r = new Raster(ID_SIZE.width, ID_SIZE.height);
  const tint = cardTint(c.issuingState);
  r.verticalGradient(0, 0, r.width, r.height, tint.light, tint.mid);
  guilloche(r, tint.dark, 50, r.height);
  r.fillRect(0, 0, r.width, 42, tint.dark);
  r.text(16, 8, c.issuingStateName, r.fitScale(c.issuingStateName, 300, 2), [255, 255, 255]);
  r.text(16, 27, c.documentType, 1, [235, 235, 235]);
  r.text(r.width - 16 - textWidth(c.issuingState, 3), 11, c.issuingState, 3, [255, 255, 255]);

  r.fillRect(18, 56, 132, 168, [230, 236, 242]);
  drawFace(r, c.looks, { x: 20, y: 58, w: 128, h: 164 });
  r.strokeRect(18, 56, 132, 168, 2, INK);
  // A signature scribble under the portrait.
  for (let i = 0; i < 5; i++) r.line(24 + i * 22, 262, 36 + i * 22, 248 + (i % 2) * 12, 2, INK);

  const fx = 166;
  const fw = r.width - fx - 14;
  field(r, fx, 52, 'SURNAME', c.lastName, fw);
  field(r, fx, 80, 'GIVEN NAMES', c.firstName, fw);
  field(r, fx, 108, 'DATE OF BIRTH', c.dateOfBirth, 150);
  field(r, fx + 160, 108, 'SEX', c.gender, 60);
  field(r, fx, 136, 'NATIONALITY', c.nationality, 150);
  field(r, fx, 164, 'DOCUMENT NO', c.documentNumber, fw);
  field(r, fx, 192, 'DATE OF EXPIRY', c.expirationDate, 150);
  specimenMark(r, 150, 8);
  r.text(r.width - 16 - textWidth(c.documentNumber, 2), r.height - 26, c.documentNumber, 2, [180, 40, 40]);
  return r.toPng();
}

export interface CardBack {
  issuingState: string;
  address: string;
  placeOfBirth: string;
  dateOfIssue: string;
  authority: string;
  mrzLines: readonly string[];
}

export function idBackPng(c: CardBack): Uint8Array {
  const r = new Raster(ID_SIZE.width, ID_SIZE.height);
  const tint = cardTint(c.issuingState);
  r.verticalGradient(0, 0, r.width, r.height, tint.mid, tint.light);
  guilloche(r, tint.dark, 0, 190);
  field(r, 18, 14, 'ADDRESS', c.address, r.width - 36);
  field(r, 18, 42, 'PLACE OF BIRTH', c.placeOfBirth, 200);
  field(r, 240, 42, 'DATE OF ISSUE', c.dateOfIssue, 200);
  field(r, 18, 70, 'AUTHORITY', c.authority, r.width - 36);
  // A barcode-like strip derived from the MRZ text, so each card's differs.
  const code = c.mrzLines.join('');
  for (let i = 0, x = 18; x < 300 && i < code.length * 3; i++) {
    const w = 1 + ((code.charCodeAt(i % code.length) + i) % 3);
    if (i % 2 === 0) r.fillRect(x, 104, w, 60, INK);
    x += w;
  }
  specimenMark(r, 140, 7);
  r.fillRect(0, 192, r.width, r.height - 192, [248, 248, 244]);
  c.mrzLines.forEach((line, i) => r.text((r.width - textWidth(line, 2)) / 2, 204 + i * 22, line, 2, INK));
  return r.toPng();
}

export function portraitPng(looks: Looks): Uint8Array {
  const r = new Raster(PORTRAIT_SIZE.width, PORTRAIT_SIZE.height);
  r.verticalGradient(0, 0, r.width, r.height, [226, 232, 240], [200, 210, 222]);
  drawFace(r, looks, { x: 0, y: 0, w: r.width, h: r.height });
  specimenMark(r, r.height - 26, 4, true);
  return r.toPng();
}

/** The liveness capture: the same face in a room, off-centre, with a different shirt. */
export function selfiePng(looks: Looks, variant: number): Uint8Array {
  const r = new Raster(SELFIE_SIZE.width, SELFIE_SIZE.height);
  const walls: Rgb[] = [
    [236, 226, 206],
    [214, 228, 220],
    [222, 216, 236],
    [240, 236, 228],
  ];
  const wall = walls[variant % walls.length];
  r.verticalGradient(0, 0, r.width, r.height, wall, [wall[0] - 40, wall[1] - 40, wall[2] - 40]);
  r.fillRect(r.width * 0.7, r.height * 0.08, r.width * 0.22, r.height * 0.55, [150, 110, 80]);
  r.fillRect(0, r.height * 0.08, r.width * 0.16, r.height * 0.3, [180, 210, 235]);
  const shirts: Rgb[] = [
    [150, 40, 50],
    [40, 110, 80],
    [60, 60, 70],
    [200, 150, 40],
  ];
  drawFace(r, looks, {
    x: 0,
    y: 20,
    w: r.width,
    h: r.height - 20,
    offset: ((variant % 5) - 2) * 0.03,
    shirt: shirts[variant % shirts.length],
  });
  specimenMark(r, r.height - 26, 4, true);
  return r.toPng();
}

export interface PageContent {
  issuer: string;
  title: string;
  lines: readonly string[];
  accent: string;
}

/** A one-page document scan (utility bill, certificate, register extract) with a header, text and a stamp. */
export function documentPagePng(page: PageContent): Uint8Array {
  const r = new Raster(PAGE_SIZE.width, PAGE_SIZE.height, [252, 251, 247]);
  const tint = cardTint(page.accent);
  r.fillRect(0, 0, r.width, 56, tint.dark);
  r.text(20, 14, page.issuer, r.fitScale(page.issuer, r.width - 40, 2), [255, 255, 255]);
  r.text(20, 36, 'OFFICIAL DOCUMENT', 1, [230, 230, 230]);
  r.text(20, 76, page.title, r.fitScale(page.title, r.width - 40, 2), INK);
  r.fillRect(20, 96, r.width - 40, 2, tint.dark);
  let y = 112;
  for (const line of page.lines.flatMap((l) => wrap(l, 64))) {
    if (y > r.height - 110) break;
    r.text(20, y, line, 1, INK);
    y += 14;
  }
  // Stamp and signature.
  r.fillEllipse(r.width - 90, r.height - 80, 48, 48, tint.dark, 0.35);
  r.fillEllipse(r.width - 90, r.height - 80, 36, 36, [252, 251, 247], 0.6);
  r.text(r.width - 90 - textWidth('SEAL', 2) / 2, r.height - 87, 'SEAL', 2, tint.dark);
  for (let i = 0; i < 5; i++) r.line(30 + i * 20, r.height - 60, 42 + i * 20, r.height - 74 + (i % 2) * 14, 2, INK);
  specimenMark(r, r.height / 2, 8);
  return r.toPng();
}

/** Splits a line at spaces so it fits `max` characters (the font is fixed-width). */
export function wrap(line: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && (current + ' ' + word).length > max) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  out.push(current);
  return out;
}
