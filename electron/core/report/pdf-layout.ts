/**
 * A small flowing-layout writer over pdf-lib (Cantoo's maintained fork): title, headings, key/value rows, wrapped
 * paragraphs, tables and image grids, with page breaks and a footer. Text is split into runs by the first font of
 * the chain that has each character (fonts.ts), so a Japanese company, an Arabic name and "Muñoz" all print; fontkit
 * shapes Arabic runs and lays them right to left. A character no font has prints as the first font's missing-glyph
 * box instead of failing the report.
 */
import fontkit from '@cantoo/fontkit';
import { PDFDocument, rgb, type Color, type PDFFont, type PDFImage, type PDFPage } from '@cantoo/pdf-lib';
import type { FontFamilyFiles } from './fonts.js';

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 48;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const BODY_SIZE = 9.5;
const SMALL_SIZE = 8;
const LINE = 13;
const SMALL_LINE = 11;
const KEY_WIDTH = 150;
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.4, 0.43, 0.48);
const ALERT = rgb(0.72, 0.12, 0.12);
const RULE = rgb(0.8, 0.82, 0.85);
const ZEBRA = rgb(0.955, 0.96, 0.97);
const OUTCOME_COLOURS = {
  failed: ALERT,
  warned: rgb(0.68, 0.4, 0.02),
  passed: rgb(0.1, 0.45, 0.2),
  pending: MUTED,
} as const;

export type Tone = keyof typeof OUTCOME_COLOURS | 'alert' | 'muted' | 'ink';
const toneColour = (tone: Tone | undefined): Color =>
  tone === undefined || tone === 'ink'
    ? INK
    : tone === 'alert'
      ? ALERT
      : tone === 'muted'
        ? MUTED
        : OUTCOME_COLOURS[tone];

interface Face {
  regular: PDFFont;
  bold: PDFFont;
  covers(codePoint: number): boolean;
  /**
   * Characters this face is chosen for ahead of the faces before it (Arabic: DejaVu has a few Arabic glyphs). Only
   * the right-to-left family sets it.
   */
  prefers?: RegExp;
}

interface Run {
  text: string;
  font: PDFFont;
  face?: Face;
}

export type FieldValue = string | number | boolean | null | undefined;
export type FieldRow = [string, FieldValue, { tone?: Tone }?];

export interface TableColumn {
  title: string;
  /** Share of the content width (the shares of a table add up to 1). */
  width: number;
}

export interface TableRow {
  cells: FieldValue[];
  /** Colour per cell (or one for the row). */
  tone?: Tone | (Tone | undefined)[];
  bold?: boolean;
}

export interface ReportImage {
  caption: string;
  contentType: string;
  bytes: Uint8Array;
}

type FontkitFont = { hasGlyphForCodePoint(codePoint: number): boolean };
const coverage = new WeakMap<Uint8Array, FontkitFont>();
function coverageOf(bytes: Uint8Array): FontkitFont {
  let font = coverage.get(bytes);
  if (!font) {
    // fontkit reads tables lazily: this parses the cmap once, never the glyphs.
    font = fontkit.create(bytes) as unknown as FontkitFont;
    coverage.set(bytes, font);
  }
  return font;
}

/** Characters that take the font of the text around them (spaces, marks, joiners, common punctuation). */
const NEUTRAL = /\s|\p{M}|\u200c|\u200d|[\u200e\u200f.,:;!?()[\]\-–—'"“”‘’/%·]/u;
/** Characters a line may break after without a space: ideographs, kana, Hangul and full-width forms. */
const CJK =
  /[\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

/** Wrapping units: runs of spaces, single CJK characters, and words. */
const TOKEN = new RegExp(`\\s+|${CJK.source}|[^\\s${CJK.source.slice(1, -1)}]+`, 'gu');

export class PdfLayout {
  private page!: PDFPage;
  private y = 0;

  private constructor(
    readonly doc: PDFDocument,
    private readonly faces: Face[],
    private readonly footer: (page: number, total: number) => string,
  ) {
    this.newPage();
  }

  static async create(
    families: FontFamilyFiles[],
    meta: { title: string; language: string; footer: (page: number, total: number) => string },
  ): Promise<PdfLayout> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    doc.setTitle(meta.title);
    doc.setLanguage(meta.language);
    doc.setCreator('Countersign');
    doc.setProducer('Countersign');
    const faces: Face[] = [];
    for (const family of families) {
      const regular = await doc.embedFont(family.regular, { subset: true });
      const bold = family.bold ? await doc.embedFont(family.bold, { subset: true }) : regular;
      const cmap = coverageOf(family.regular);
      faces.push({ regular, bold, covers: (cp) => cmap.hasGlyphForCodePoint(cp), prefers: family.prefers });
    }
    return new PdfLayout(doc, faces, meta.footer);
  }

  // ---- text primitives ------------------------------------------------------------------------------------------

  /** Splits text into runs of one font each: the first face that has the character, neutral characters joining. */
  private runs(text: string, bold: boolean): Run[] {
    const runs: Run[] = [];
    let current: Face | null = null;
    let buffer = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const neutral = NEUTRAL.test(ch);
      const face: Face =
        current && neutral && current.covers(cp)
          ? current
          : (this.faces.find((f) => f.prefers?.test(ch) && f.covers(cp)) ??
            this.faces.find((f) => f.covers(cp)) ??
            current ??
            this.faces[0]);
      if (face !== current && buffer) {
        runs.push({ text: buffer, font: bold ? current!.bold : current!.regular, face: current! });
        buffer = '';
      }
      current = face;
      buffer += ch;
    }
    if (buffer && current) runs.push({ text: buffer, font: bold ? current.bold : current.regular, face: current });
    return this.trimRtl(runs, bold);
  }

  /**
   * fontkit lays a right-to-left run out reversed, so spaces and punctuation at its ends would land on the wrong
   * side: they are moved out into runs of the first face ("شركة النور — 15 %" keeps the dash between the two).
   */
  private trimRtl(runs: Run[], bold: boolean): Run[] {
    const base = this.faces[0];
    const out: Run[] = [];
    for (const run of runs) {
      if (!run.face?.prefers || !base) {
        out.push(run);
        continue;
      }
      const m = /^([^\p{L}\p{N}]*)([\s\S]*?)([^\p{L}\p{N}]*)$/u.exec(run.text)!;
      const font = bold ? base.bold : base.regular;
      if (m[1]) out.push({ text: m[1], font });
      if (m[2]) out.push({ text: m[2], font: run.font });
      if (m[3]) out.push({ text: m[3], font });
    }
    return out;
  }

  private readonly widths = new Map<string, number>();

  /** Width of `text` in points; cached, since wrapping measures the same words many times. */
  measure(text: string, size = BODY_SIZE, bold = false): number {
    const key = `${size}|${bold ? 1 : 0}|${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = this.runs(text, bold).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
      this.widths.set(key, width);
    }
    return width;
  }

  private draw(text: string, x: number, y: number, size: number, bold: boolean, color: Color): void {
    let cursor = x;
    for (const run of this.runs(text, bold)) {
      this.page.drawText(run.text, { x: cursor, y, size, font: run.font, color });
      cursor += run.font.widthOfTextAtSize(run.text, size);
    }
  }

  /** Lines of at most `width`: breaks at spaces, between CJK characters, and inside a word too long for a line. */
  wrap(text: string, width: number, size = BODY_SIZE, bold = false): string[] {
    const out: string[] = [];
    for (const paragraph of text.replace(/\r/g, '').split('\n')) {
      const tokens = paragraph.match(TOKEN) ?? [''];
      let line = '';
      let lineWidth = 0;
      const space = this.measure(' ', size, bold);
      const push = () => {
        out.push(line.trimEnd());
        line = '';
        lineWidth = 0;
      };
      let pendingSpace = false;
      for (const token of tokens) {
        if (/^\s+$/.test(token)) {
          pendingSpace = line.length > 0;
          continue;
        }
        const w = this.measure(token, size, bold);
        const gap = pendingSpace ? space : 0;
        pendingSpace = false;
        if (lineWidth + gap + w <= width) {
          line += (gap ? ' ' : '') + token;
          lineWidth += gap + w;
          continue;
        }
        if (line.trim()) push();
        if (w <= width) {
          line = token;
          lineWidth = w;
          continue;
        }
        // A word wider than the line (a long id, a URL): broken by characters.
        for (const ch of token) {
          const cw = this.measure(ch, size, bold);
          if (line && lineWidth + cw > width) push();
          line += ch;
          lineWidth += cw;
        }
      }
      out.push(line.trimEnd());
    }
    return out;
  }

  // ---- page flow ------------------------------------------------------------------------------------------------

  private newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  private ensure(height: number): void {
    if (this.y - height < MARGIN + 20) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  title(text: string, subtitle: string): void {
    for (const line of this.wrap(text, CONTENT_WIDTH, 18, true)) {
      this.draw(line, MARGIN, this.y - 18, 18, true, INK);
      this.y -= 24;
    }
    this.draw(subtitle, MARGIN, this.y - 8, BODY_SIZE, false, MUTED);
    this.y -= 24;
  }

  heading(text: string): void {
    this.ensure(48);
    this.y -= 10;
    for (const line of this.wrap(text, CONTENT_WIDTH, 12.5, true)) {
      this.draw(line, MARGIN, this.y - 12, 12.5, true, INK);
      this.y -= 16;
    }
    this.y -= 3;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: PAGE.width - MARGIN, y: this.y },
      thickness: 0.6,
      color: MUTED,
    });
    this.y -= 8;
  }

  subheading(text: string, tone?: Tone): void {
    this.ensure(30);
    this.y -= 4;
    for (const line of this.wrap(text, CONTENT_WIDTH, 10.5, true)) {
      this.draw(line, MARGIN, this.y - 10.5, 10.5, true, toneColour(tone));
      this.y -= 14;
    }
    this.y -= 2;
  }

  /** Key/value rows; keys and values wrap; empty values are left out. */
  fields(rows: FieldRow[], indent = 0): void {
    const keyWidth = KEY_WIDTH - indent;
    for (const [key, value, opts] of rows) {
      if (value === null || value === undefined || value === '') continue;
      const keyLines = this.wrap(key, keyWidth - 8, BODY_SIZE, true);
      const lines = this.wrap(String(value), CONTENT_WIDTH - KEY_WIDTH);
      const height = Math.max(keyLines.length, lines.length) * LINE;
      this.ensure(Math.min(height, 6 * LINE));
      const top = this.y;
      keyLines.forEach((line, i) =>
        this.draw(line, MARGIN + indent, top - BODY_SIZE - i * LINE, BODY_SIZE, true, MUTED),
      );
      for (const line of lines) {
        this.ensure(LINE);
        this.draw(line, MARGIN + KEY_WIDTH, this.y - BODY_SIZE, BODY_SIZE, false, toneColour(opts?.tone));
        this.y -= LINE;
      }
      this.y = Math.min(this.y, top - keyLines.length * LINE);
    }
  }

  paragraph(text: string, opts: { bold?: boolean; tone?: Tone; indent?: number; size?: number } = {}): void {
    const indent = opts.indent ?? 0;
    const size = opts.size ?? BODY_SIZE;
    const line = size < BODY_SIZE ? SMALL_LINE : LINE;
    for (const l of this.wrap(text, CONTENT_WIDTH - indent, size, opts.bold)) {
      this.ensure(line);
      this.draw(l, MARGIN + indent, this.y - size, size, opts.bold ?? false, toneColour(opts.tone));
      this.y -= line;
    }
  }

  note(text: string): void {
    this.paragraph(text, { tone: 'muted', size: SMALL_SIZE });
    this.y -= 2;
  }

  /** A table with a header row (repeated after a page break), wrapped cells and light row shading. */
  table(columns: TableColumn[], rows: TableRow[], opts: { size?: number } = {}): void {
    const size = opts.size ?? SMALL_SIZE + 0.5;
    const lineHeight = size + 3.5;
    const pad = 4;
    const widths = columns.map((c) => c.width * CONTENT_WIDTH);
    const header = () => {
      const lines = columns.map((c, i) => this.wrap(c.title, widths[i] - 2 * pad, size, true));
      const height = Math.max(...lines.map((l) => l.length)) * lineHeight + 2 * pad;
      this.ensure(height + lineHeight + 2 * pad);
      let x = MARGIN;
      lines.forEach((cell, i) => {
        cell.forEach((l, j) => this.draw(l, x + pad, this.y - pad - size - j * lineHeight, size, true, MUTED));
        x += widths[i];
      });
      this.y -= height;
      this.page.drawLine({
        start: { x: MARGIN, y: this.y },
        end: { x: PAGE.width - MARGIN, y: this.y },
        thickness: 0.6,
        color: MUTED,
      });
    };
    header();
    rows.forEach((row, r) => {
      const cells = row.cells.map((c, i) =>
        this.wrap(c === null || c === undefined || c === '' ? '—' : String(c), widths[i] - 2 * pad, size, row.bold),
      );
      const height = Math.max(...cells.map((l) => l.length)) * lineHeight + 2 * pad;
      if (this.y - height < MARGIN + 20) {
        this.newPage();
        header();
      }
      if (r % 2 === 1) {
        this.page.drawRectangle({ x: MARGIN, y: this.y - height, width: CONTENT_WIDTH, height, color: ZEBRA });
      }
      let x = MARGIN;
      cells.forEach((cell, i) => {
        const tone = Array.isArray(row.tone) ? row.tone[i] : row.tone;
        cell.forEach((l, j) =>
          this.draw(l, x + pad, this.y - pad - size - j * lineHeight, size, row.bold ?? false, toneColour(tone)),
        );
        x += widths[i];
      });
      this.y -= height;
      this.page.drawLine({
        start: { x: MARGIN, y: this.y },
        end: { x: PAGE.width - MARGIN, y: this.y },
        thickness: 0.3,
        color: RULE,
      });
    });
    this.y -= 6;
  }

  /**
   * Embeds PNG/JPEG bytes (by magic bytes) and lays them out three to a row in equal cells, each image fitted inside
   * its cell (never enlarged) and framed, its caption below. Other types and damaged images are left out.
   */
  async images(items: ReportImage[]): Promise<void> {
    const embedded: { caption: string; image: PDFImage }[] = [];
    for (const item of items) {
      const image = await this.embedImage(item.bytes);
      if (image) embedded.push({ caption: item.caption, image });
    }
    const perRow = 3;
    const gap = 16;
    const cellWidth = (CONTENT_WIDTH - gap * (perRow - 1)) / perRow;
    const maxHeight = 150;
    for (let start = 0; start < embedded.length; start += perRow) {
      const row = embedded.slice(start, start + perRow);
      const placed = row.map(({ caption, image }) => {
        const scale = Math.min((cellWidth - 8) / image.width, (maxHeight - 8) / image.height, 1);
        return {
          caption: this.wrap(caption, cellWidth, SMALL_SIZE),
          image,
          w: image.width * scale,
          h: image.height * scale,
        };
      });
      const frameHeight = Math.max(...placed.map((p) => p.h)) + 8;
      const captionHeight = Math.max(...placed.map((p) => p.caption.length)) * SMALL_LINE;
      this.ensure(frameHeight + captionHeight + 8);
      this.y -= 4;
      placed.forEach((p, i) => {
        const x = MARGIN + i * (cellWidth + gap);
        this.page.drawRectangle({
          x,
          y: this.y - frameHeight,
          width: cellWidth,
          height: frameHeight,
          borderColor: RULE,
          borderWidth: 0.6,
          color: ZEBRA,
        });
        this.page.drawImage(p.image, {
          x: x + (cellWidth - p.w) / 2,
          y: this.y - 4 - p.h - (frameHeight - 8 - p.h) / 2,
          width: p.w,
          height: p.h,
        });
        p.caption.forEach((line, j) =>
          this.draw(line, x, this.y - frameHeight - SMALL_SIZE - 3 - j * SMALL_LINE, SMALL_SIZE, false, MUTED),
        );
      });
      this.y -= frameHeight + captionHeight + 10;
    }
  }

  private async embedImage(bytes: Uint8Array): Promise<PDFImage | null> {
    try {
      if (bytes[0] === 0x89 && bytes[1] === 0x50) return await this.doc.embedPng(bytes);
      if (bytes[0] === 0xff && bytes[1] === 0xd8) return await this.doc.embedJpg(bytes);
    } catch {
      // A damaged image must not stop the report; it is simply left out.
    }
    return null;
  }

  async save(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      this.page = page;
      const text = this.footer(i + 1, pages.length);
      const lines = this.wrap(text, CONTENT_WIDTH, 7.5);
      lines.forEach((line, j) => this.draw(line, MARGIN, MARGIN / 2 + (lines.length - 1 - j) * 9, 7.5, false, MUTED));
    });
    return this.doc.save({ useObjectStreams: true });
  }
}
