/**
 * A drawn face placeholder: head, hair, eyes, mouth and shoulders in a person's colours. The same `Looks` give
 * the same face on the ID portrait and the selfie, so a face match "looks" like a match; other looks do not.
 */
import type { Looks } from './people.js';
import type { Raster, Rgb } from './raster.js';

export interface FaceFrame {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Horizontal shift of the head within the frame, as a fraction of its width (selfies are not centred). */
  offset?: number;
  shirt?: Rgb;
}

const darker = (c: Rgb, f: number): Rgb => [Math.round(c[0] * f), Math.round(c[1] * f), Math.round(c[2] * f)];

export function drawFace(r: Raster, looks: Looks, frame: FaceFrame): void {
  r.clipped(frame.x, frame.y, frame.w, frame.h, () => paintFace(r, looks, frame));
}

function paintFace(r: Raster, looks: Looks, frame: FaceFrame): void {
  const { x, y, w, h } = frame;
  const cx = x + w / 2 + (frame.offset ?? 0) * w;
  const headRx = w * 0.24;
  const headRy = h * 0.22;
  const cy = y + h * 0.4;
  const shirt = frame.shirt ?? [70, 90, 130];

  // Long hair falls behind the shoulders, so it is drawn first.
  if (looks.hairStyle === 1) r.fillRect(cx - headRx * 1.15, cy - headRy * 0.4, headRx * 2.3, headRy * 1.9, looks.hair);
  r.fillEllipse(cx, y + h * 1.02, w * 0.46, h * 0.3, shirt);
  r.fillRect(cx - headRx * 0.4, cy + headRy * 0.7, headRx * 0.8, headRy * 0.6, darker(looks.skin, 0.9));
  r.fillEllipse(cx, cy, headRx, headRy, looks.skin);
  // Ears.
  r.fillEllipse(cx - headRx, cy + headRy * 0.05, headRx * 0.14, headRy * 0.2, darker(looks.skin, 0.92));
  r.fillEllipse(cx + headRx, cy + headRy * 0.05, headRx * 0.14, headRy * 0.2, darker(looks.skin, 0.92));

  if (looks.hairStyle !== 3) {
    // A cap of hair over the top of the head, cut off straight at the forehead.
    for (let py = Math.floor(cy - headRy * 1.12); py < cy - headRy * 0.45; py++) {
      const dy = (py - cy) / (headRy * 1.1);
      const half = headRx * 1.08 * Math.sqrt(Math.max(0, 1 - dy * dy));
      r.fillRect(cx - half, py, half * 2, 1, looks.hair);
    }
    if (looks.hairStyle === 2) r.fillEllipse(cx, cy - headRy * 1.15, headRx * 0.42, headRy * 0.3, looks.hair);
  } else {
    // Bald on top: a little hair above the ears.
    r.fillEllipse(cx - headRx * 0.9, cy - headRy * 0.38, headRx * 0.1, headRy * 0.2, looks.hair);
    r.fillEllipse(cx + headRx * 0.9, cy - headRy * 0.38, headRx * 0.1, headRy * 0.2, looks.hair);
  }

  const eyeY = cy - headRy * 0.08;
  const eyeDx = headRx * 0.4;
  const brow = darker(looks.hair, 0.8);
  for (const side of [-1, 1]) {
    const ex = cx + side * eyeDx;
    r.fillEllipse(ex, eyeY, headRx * 0.2, headRy * 0.09, [250, 250, 250]);
    r.fillEllipse(ex, eyeY, headRx * 0.09, headRy * 0.08, looks.eyes);
    r.fillEllipse(ex, eyeY, headRx * 0.04, headRy * 0.04, [15, 15, 15]);
    r.line(ex - headRx * 0.2, eyeY - headRy * 0.2, ex + headRx * 0.2, eyeY - headRy * 0.22, Math.max(2, w / 60), brow);
    if (looks.glasses) {
      const gw = headRx * 0.52;
      const gh = headRy * 0.3;
      r.strokeRect(ex - gw / 2, eyeY - gh / 2, gw, gh, Math.max(1, Math.round(w / 90)), [40, 40, 40]);
    }
  }
  if (looks.glasses)
    r.line(
      cx - eyeDx + headRx * 0.26,
      eyeY,
      cx + eyeDx - headRx * 0.26,
      eyeY,
      Math.max(1, Math.round(w / 90)),
      [40, 40, 40],
    );

  const nose = darker(looks.skin, 0.78);
  r.line(cx, eyeY + headRy * 0.05, cx - headRx * 0.08, cy + headRy * 0.3, Math.max(2, w / 70), nose);
  r.line(cx - headRx * 0.08, cy + headRy * 0.3, cx + headRx * 0.06, cy + headRy * 0.32, Math.max(2, w / 70), nose);
  r.fillEllipse(cx, cy + headRy * 0.58, headRx * 0.32, headRy * 0.07, [170, 70, 70]);
}
