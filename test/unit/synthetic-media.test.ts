import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { PDFDocument } from '@cantoo/pdf-lib';
import { createRng, syntheticSession, type SyntheticMedia } from '../../sandbox/synthetic/index.js';
import { toFontText, toMrzText } from '../../sandbox/synthetic/font.js';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function decode(media: SyntheticMedia) {
  expect(media.contentType).toBe('image/png');
  expect([...media.bytes.slice(0, 8)]).toEqual(PNG_MAGIC);
  return PNG.sync.read(Buffer.from(media.bytes));
}

/** Distinct colours, and how many pixels are the strong red of the SPECIMEN mark. */
function inspect(png: PNG) {
  const colours = new Set<number>();
  let red = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
    colours.add((r << 16) | (g << 8) | b);
    if (r > g + 60 && r > b + 60) red++;
  }
  return { colours: colours.size, red };
}

const kyc = syntheticSession({ kind: 'user', status: 'In Review', rng: createRng(2024) });
const kyb = syntheticSession({ kind: 'business', status: 'IN_REVIEW', rng: createRng(2024) });

describe('synthetic media', () => {
  it.each([
    ['id-front', 480, 300],
    ['id-back', 480, 300],
    ['portrait', 200, 240],
    ['selfie', 240, 320],
  ])('%s is a %ix%i PNG with a drawn picture and a SPECIMEN mark', (key, width, height) => {
    const png = decode(kyc.media[key]);
    expect([png.width, png.height]).toEqual([width, height]);
    const { colours, red } = inspect(png);
    expect(colours).toBeGreaterThan(20);
    expect(red).toBeGreaterThan(300);
  });

  it('draws the specimen card of the person in the session', () => {
    const other = syntheticSession({ kind: 'user', status: 'In Review', rng: createRng(2025) });
    expect(kyc.media['id-front'].bytes).not.toEqual(other.media['id-front'].bytes);
    expect(kyc.media['id-back'].bytes).not.toEqual(other.media['id-back'].bytes);
    expect(kyc.media.portrait.bytes).not.toEqual(other.media.portrait.bytes);
  });

  it('makes KYB document pages as PNG or loadable one-page PDFs that say SPECIMEN', async () => {
    let pdfs = 0;
    const sessions = [kyb, kyc, ...[1, 2, 3].map((seed) => syntheticSession({ kind: 'user', rng: createRng(seed) }))];
    for (const session of sessions) {
      for (const media of Object.values(session.media)) {
        if (media.contentType === 'image/png') {
          const png = decode(media);
          expect(inspect(png).colours).toBeGreaterThan(5);
          continue;
        }
        expect(media.contentType).toBe('application/pdf');
        const text = Buffer.from(media.bytes).toString('latin1');
        expect(text.startsWith('%PDF-1.')).toBe(true);
        expect(text).toContain('(SPECIMEN)');
        const doc = await PDFDocument.load(media.bytes, { throwOnInvalidObject: true });
        expect(doc.getPageCount()).toBe(1);
        pdfs++;
      }
    }
    expect(pdfs).toBeGreaterThan(0);
  });

  it('writes non-ASCII names onto the card font and into the MRZ', () => {
    expect(toFontText('Muñoz Ærø Šimić Łódź')).toBe('MUNOZ AERO SIMIC LODZ');
    expect(toFontText('東京')).toBe('??');
    expect(toMrzText('Ærø Prøvesen')).toBe('AEROE<PROEVESEN');
    expect(toMrzText('Gabler-Muster')).toBe('GABLER<MUSTER');
  });
});
