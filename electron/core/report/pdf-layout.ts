/**
 * A small flowing-layout writer over pdf-lib: headings, key/value rows, wrapped paragraphs and image rows, with
 * page breaks and a footer. Text goes through an embedded Unicode font (DejaVu Sans) so partner names like
 * "Muñoz" or "Šimić" print as sent; glyphs the font lacks print as its missing-glyph box instead of failing.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 48;
const BODY_SIZE = 9.5;
const LINE = 13;
const KEY_WIDTH = 150;
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.4, 0.43, 0.48);
const ALERT = rgb(0.72, 0.12, 0.12);

export interface LayoutFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

export class PdfLayout {
  private page!: PDFPage;
  private y = 0;

  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string,
  ) {
    this.newPage();
  }

  static async create(fonts: LayoutFonts, meta: { title: string; footer: string }): Promise<PdfLayout> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    doc.setTitle(meta.title);
    doc.setCreator('Countersign');
    doc.setProducer('Countersign');
    const [regular, bold] = await Promise.all([
      doc.embedFont(fonts.regular, { subset: true }),
      doc.embedFont(fonts.bold, { subset: true }),
    ]);
    return new PdfLayout(doc, regular, bold, meta.footer);
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  private ensure(height: number): void {
    if (this.y - height < MARGIN + 20) this.newPage();
  }

  title(text: string, subtitle: string): void {
    this.page.drawText(text, { x: MARGIN, y: this.y - 18, size: 18, font: this.bold, color: INK });
    this.page.drawText(subtitle, { x: MARGIN, y: this.y - 34, size: BODY_SIZE, font: this.regular, color: MUTED });
    this.y -= 52;
  }

  heading(text: string): void {
    this.ensure(40);
    this.y -= 8;
    this.page.drawText(text, { x: MARGIN, y: this.y - 12, size: 12.5, font: this.bold, color: INK });
    this.y -= 18;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: PAGE.width - MARGIN, y: this.y },
      thickness: 0.6,
      color: MUTED,
    });
    this.y -= 8;
  }

  /** Key/value rows; values wrap. `alert` rows print in red (warnings, hits, under-threshold scores). */
  fields(rows: [string, string | number | boolean | null | undefined, { alert?: boolean }?][]): void {
    for (const [key, value, opts] of rows) {
      if (value === null || value === undefined || value === '') continue;
      const lines = this.wrap(String(value), PAGE.width - 2 * MARGIN - KEY_WIDTH, this.regular);
      this.ensure(lines.length * LINE);
      this.page.drawText(key, { x: MARGIN, y: this.y - BODY_SIZE, size: BODY_SIZE, font: this.bold, color: MUTED });
      for (const line of lines) {
        this.page.drawText(line, {
          x: MARGIN + KEY_WIDTH,
          y: this.y - BODY_SIZE,
          size: BODY_SIZE,
          font: this.regular,
          color: opts?.alert ? ALERT : INK,
        });
        this.y -= LINE;
      }
    }
  }

  paragraph(text: string, opts: { bold?: boolean; alert?: boolean; indent?: number } = {}): void {
    const font = opts.bold ? this.bold : this.regular;
    const indent = opts.indent ?? 0;
    for (const line of this.wrap(text, PAGE.width - 2 * MARGIN - indent, font)) {
      this.ensure(LINE);
      this.page.drawText(line, {
        x: MARGIN + indent,
        y: this.y - BODY_SIZE,
        size: BODY_SIZE,
        font,
        color: opts.alert ? ALERT : INK,
      });
      this.y -= LINE;
    }
  }

  /** Embeds PNG/JPEG bytes (by magic bytes) and lays them out in one row with captions. Other types are skipped. */
  async images(items: { caption: string; contentType: string; bytes: Uint8Array }[]): Promise<void> {
    const embedded: { caption: string; image: PDFImage }[] = [];
    for (const item of items) {
      const image = await this.embedImage(item.bytes);
      if (image) embedded.push({ caption: item.caption, image });
    }
    if (embedded.length === 0) return;
    const gap = 10;
    const cell = (PAGE.width - 2 * MARGIN - gap * (embedded.length - 1)) / embedded.length;
    const maxHeight = 150;
    const heights = embedded.map(({ image }) =>
      Math.min(maxHeight, (image.height * Math.min(cell, image.width)) / image.width),
    );
    const rowHeight = Math.max(...heights) + LINE + 4;
    this.ensure(rowHeight);
    embedded.forEach(({ caption, image }, i) => {
      const scale = Math.min(cell / image.width, maxHeight / image.height, 1);
      const w = image.width * scale;
      const h = image.height * scale;
      const x = MARGIN + i * (cell + gap);
      this.page.drawImage(image, { x, y: this.y - h, width: w, height: h });
      this.page.drawText(caption, { x, y: this.y - h - LINE + 2, size: 8, font: this.regular, color: MUTED });
    });
    this.y -= rowHeight;
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

  private wrap(text: string, width: number, font: PDFFont): string[] {
    const out: string[] = [];
    for (const paragraph of text.replace(/\r/g, '').split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, BODY_SIZE) <= width || !line) {
          line = candidate;
        } else {
          out.push(line);
          line = word;
        }
      }
      out.push(line);
    }
    return out;
  }

  async save(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      page.drawText(`${this.footer} · ${i + 1} / ${pages.length}`, {
        x: MARGIN,
        y: MARGIN / 2,
        size: 7.5,
        font: this.regular,
        color: MUTED,
      });
    });
    return this.doc.save();
  }
}
