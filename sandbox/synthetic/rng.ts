/**
 * Seeded randomness. Every value the generator produces comes from an `Rng`, so one seed gives byte-identical
 * sessions and images on every run and machine (no Date.now, no Math.random).
 */
import type { Rng } from './types.js';

/** mulberry32: tiny, fast, good enough for demo data (not for anything secret). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, maxInclusive) => min + Math.floor(next() * (maxInclusive - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)];
    },
  };
}

/** A child generator, so adding a draw in one part of a session does not shift every value after it. */
export function forkRng(rng: Rng): Rng {
  return createRng(rng.int(0, 0xffffffff));
}

export function chance(rng: Rng, probability: number): boolean {
  return rng.next() < probability;
}

export function digits(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

export function letters(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String.fromCharCode(65 + rng.int(0, 25));
  return out;
}

/** A version-4-shaped UUID drawn from the rng (deterministic, unlike crypto.randomUUID). */
export function uuid(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((rng.int(0, 15) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** A float in [min, max) rounded to `decimals`. */
export function between(rng: Rng, min: number, max: number, decimals = 0): number {
  const f = 10 ** decimals;
  return Math.round((min + rng.next() * (max - min)) * f) / f;
}

export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
