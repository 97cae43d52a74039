/**
 * A tiny RGB drawing surface (rectangles, ellipses, lines, bitmap text) encoded to PNG.
 * Enough to draw a recognisable specimen card; no anti-aliasing, which keeps it fast and deterministic.
 */
import zlib, { deflateSync } from 'node:zlib';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyph, toFontText } from './font.js';

export type Rgb = readonly [number, number, number];

/** Opaque fills at least this wide (in bytes) are painted with block copies instead of pixel by pixel. */
const WIDE_FILL_BYTES = 48;

export class Raster {
  /**
   * The pixels, row by row, each row led by its PNG filter byte (always 0, None): the layout PNG compresses, so
   * encoding needs no copy.
   */
  private readonly data: Uint8Array;
  /** Bytes per row, filter byte included. */
  private readonly stride: number;
  private clip = { x0: 0, y0: 0, x1: 0, y1: 0 };

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.stride = width * 3 + 1;
    this.data = new Uint8Array(this.stride * height);
    this.clip = { x0: 0, y0: 0, x1: width, y1: height };
    this.fillRect(0, 0, width, height, background);
  }

  /** Where pixel (x, y) starts in `data`. */
  private at(x: number, y: number): number {
    return y * this.stride + 1 + x * 3;
  }

  /** Runs `draw` with painting limited to a rectangle (a face drawn into a card's photo box stays in it). */
  clipped(x: number, y: number, w: number, h: number, draw: () => void): void {
    const saved = this.clip;
    this.clip = {
      x0: Math.max(0, x),
      y0: Math.max(0, y),
      x1: Math.min(this.width, x + w),
      y1: Math.min(this.height, y + h),
    };
    try {
      draw();
    } finally {
      this.clip = saved;
    }
  }

  /** Paints one pixel, blended over what is there when `alpha` < 1; off-canvas pixels are ignored. */
  plot(x: number, y: number, color: Rgb, alpha = 1): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < this.clip.x0 || y < this.clip.y0 || x >= this.clip.x1 || y >= this.clip.y1) return;
    const i = this.at(x, y);
    if (alpha >= 1) {
      this.data[i] = color[0];
      this.data[i + 1] = color[1];
      this.data[i + 2] = color[2];
      return;
    }
    for (let c = 0; c < 3; c++) this.data[i + c] = Math.round(this.data[i + c] * (1 - alpha) + color[c] * alpha);
  }

  /** The hot path of every drawing call, so it writes the buffer directly instead of going through `plot`. */
  fillRect(x: number, y: number, w: number, h: number, color: Rgb, alpha = 1): void {
    const x0 = Math.max(this.clip.x0, Math.round(x));
    const y0 = Math.max(this.clip.y0, Math.round(y));
    const x1 = Math.min(this.clip.x1, Math.round(x + w));
    const y1 = Math.min(this.clip.y1, Math.round(y + h));
    const [r, g, b] = color;
    const keep = 1 - Math.min(1, alpha);
    const span = (x1 - x0) * 3;
    if (keep === 0 && span >= WIDE_FILL_BYTES && y1 > y0) {
      // Opaque and wide: paint the first row by doubling copies, then copy that row down.
      const first = this.at(x0, y0);
      this.data[first] = r;
      this.data[first + 1] = g;
      this.data[first + 2] = b;
      for (let done = 3; done < span; done *= 2) {
        this.data.copyWithin(first + done, first, first + Math.min(done, span - done));
      }
      for (let py = y0 + 1; py < y1; py++) this.data.copyWithin(this.at(x0, py), first, first + span);
      return;
    }
    for (let py = y0; py < y1; py++) {
      let i = this.at(x0, py);
      for (let px = x0; px < x1; px++, i += 3) {
        if (keep === 0) {
          this.data[i] = r;
          this.data[i + 1] = g;
          this.data[i + 2] = b;
        } else {
          this.data[i] = Math.round(this.data[i] * keep + r * alpha);
          this.data[i + 1] = Math.round(this.data[i + 1] * keep + g * alpha);
          this.data[i + 2] = Math.round(this.data[i + 2] * keep + b * alpha);
        }
      }
    }
  }

  strokeRect(x: number, y: number, w: number, h: number, thickness: number, color: Rgb): void {
    this.fillRect(x, y, w, thickness, color);
    this.fillRect(x, y + h - thickness, w, thickness, color);
    this.fillRect(x, y, thickness, h, color);
    this.fillRect(x + w - thickness, y, thickness, h, color);
  }

  /** Top-to-bottom blend between two colours over a rectangle. */
  verticalGradient(x: number, y: number, w: number, h: number, top: Rgb, bottom: Rgb): void {
    for (let row = 0; row < h; row++) {
      const t = h <= 1 ? 0 : row / (h - 1);
      const mix = (c: number) => Math.round(top[c] + (bottom[c] - top[c]) * t);
      this.fillRect(x, y + row, w, 1, [mix(0), mix(1), mix(2)]);
    }
  }

  fillEllipse(cx: number, cy: number, rx: number, ry: number, color: Rgb, alpha = 1): void {
    for (let py = Math.floor(cy - ry); py <= Math.ceil(cy + ry); py++) {
      const dy = (py - cy) / ry;
      if (Math.abs(dy) > 1) continue;
      const half = rx * Math.sqrt(1 - dy * dy);
      const left = Math.ceil(cx - half);
      this.fillRect(left, py, Math.floor(cx + half) - left + 1, 1, color, alpha);
    }
  }

  /** A thick line, drawn as overlapping squares along the segment. */
  line(x0: number, y0: number, x1: number, y1: number, thickness: number, color: Rgb, alpha = 1): void {
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
    const r = Math.floor(thickness / 2);
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      for (let dy = -r; dy < thickness - r; dy++)
        for (let dx = -r; dx < thickness - r; dx++) this.plot(x + dx, y + dy, color, alpha);
    }
  }

  /** Draws text with the 5x7 font at an integer scale; returns the width drawn. Text is transliterated first. */
  text(x: number, y: number, value: string, scale: number, color: Rgb, alpha = 1): number {
    const chars = Array.from(toFontText(value));
    chars.forEach((ch, index) => {
      const pixels = glyph(ch);
      const left = x + index * (GLYPH_WIDTH + 1) * scale;
      for (let row = 0; row < GLYPH_HEIGHT; row++) {
        for (let col = 0; col < GLYPH_WIDTH; col++) {
          if (pixels[row * GLYPH_WIDTH + col])
            this.fillRect(left + col * scale, y + row * scale, scale, scale, color, alpha);
        }
      }
    });
    return textWidth(value, scale);
  }

  /** The largest scale (up to `maxScale`) at which `value` fits in `maxWidth`, at least 1. */
  fitScale(value: string, maxWidth: number, maxScale: number): number {
    let scale = maxScale;
    while (scale > 1 && textWidth(value, scale) > maxWidth) scale--;
    return scale;
  }

  /**
   * An 8-bit RGB PNG. The demo draws about 330 of these at its first start, so encoding is kept cheap: no row
   * filter (these flat-coloured drawings compress well without one) and a fast deflate level. That is about three
   * times faster than pngjs with a Paeth filter at its default level, and the files come out smaller.
   */
  toPng(): Uint8Array {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header[8] = 8; // bit depth
    header[9] = 2; // colour type RGB; compression, filter and interlace methods 0
    return new Uint8Array(
      Buffer.concat([
        PNG_SIGNATURE,
        pngChunk('IHDR', header),
        pngChunk('IDAT', deflateSync(this.data, { level: 3 })),
        pngChunk('IEND', Buffer.alloc(0)),
      ]),
    );
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** CRC-32 (ISO 3309) table, as the PNG specification computes chunk checksums. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** zlib's CRC-32 where Node has it (20.15 and later): the same checksum, in native code. */
const crc32: (bytes: Uint8Array) => number =
  zlib.crc32 ??
  ((bytes) => {
    let c = 0xffffffff;
    for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  });

/** Length, type, data and the CRC of type + data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

export function textWidth(value: string, scale: number): number {
  const n = Array.from(toFontText(value)).length;
  return n === 0 ? 0 : (n * (GLYPH_WIDTH + 1) - 1) * scale;
}
