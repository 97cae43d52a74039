/**
 * A one-page PDF written by hand. pdf-lib only offers an async API and the generator is synchronous, and a text
 * page with the standard Helvetica font needs no more than this: six objects and a cross-reference table.
 */
import type { PageContent } from './images.js';
import { wrap } from './images.js';

// WinAnsiEncoding code points above Latin-1 that names here use.
const WIN_ANSI_EXTRA: Record<string, number> = {
  Š: 0x8a,
  š: 0x9a,
  Ž: 0x8e,
  ž: 0x9e,
  Œ: 0x8c,
  œ: 0x9c,
  Ÿ: 0x9f,
  '–': 0x96,
  '—': 0x97,
  '€': 0x80,
};

/** A PDF string literal in WinAnsi: Latin-1 as is, a few extras mapped, other letters stripped of accents or `?`. */
function pdfString(text: string): string {
  let out = '(';
  for (const ch of text) {
    let code = WIN_ANSI_EXTRA[ch] ?? ch.codePointAt(0)!;
    if (code > 0xff || (code >= 0x7f && code < 0xa0 && !(ch in WIN_ANSI_EXTRA))) {
      const folded = ch.normalize('NFD').replace(/\p{M}/gu, '');
      code = folded.length === 1 && folded.charCodeAt(0) < 0x7f ? folded.charCodeAt(0) : 0x3f;
    }
    if (code === 0x28 || code === 0x29 || code === 0x5c) out += '\\' + String.fromCharCode(code);
    else if (code < 0x20 || code > 0x7e) out += '\\' + code.toString(8).padStart(3, '0');
    else out += String.fromCharCode(code);
  }
  return out + ')';
}

function contentStream(page: PageContent): string {
  const ops: string[] = [];
  // Watermark first, so the text prints over it.
  ops.push('BT 1 0.82 0.82 rg /F2 110 Tf 0.8192 0.5736 -0.5736 0.8192 80 190 Tm (SPECIMEN) Tj ET');
  ops.push('0.16 0.23 0.36 rg 0 772 595 70 re f');
  ops.push(`BT 1 1 1 rg /F2 20 Tf 40 806 Td ${pdfString(page.issuer)} Tj ET`);
  ops.push(`BT 0.9 0.9 0.9 rg /F1 9 Tf 40 786 Td (OFFICIAL DOCUMENT) Tj ET`);
  ops.push(`BT 0.1 0.1 0.15 rg /F2 16 Tf 40 730 Td ${pdfString(page.title)} Tj ET`);
  ops.push('0.16 0.23 0.36 RG 2 w 40 718 m 555 718 l S');
  let y = 694;
  ops.push('BT 0.1 0.1 0.15 rg /F1 11 Tf');
  for (const line of page.lines.flatMap((l) => wrap(l, 90))) {
    if (y < 120) break;
    ops.push(`1 0 0 1 40 ${y} Tm ${pdfString(line)} Tj`);
    y -= 16;
  }
  ops.push('ET');
  ops.push('0.16 0.23 0.36 RG 3 w 470 110 m 520 110 l 520 60 l 470 60 l h S');
  ops.push('BT 0.16 0.23 0.36 rg /F2 12 Tf 478 81 Td (SEAL) Tj ET');
  return ops.join('\n');
}

export function documentPdf(page: PageContent): Uint8Array {
  const stream = contentStream(page);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  // Every character written is a single byte (pdfString escapes the rest), so string length = byte offset.
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(body, (ch) => ch.charCodeAt(0));
}
