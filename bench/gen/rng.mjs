// Seeded, deterministic randomness for the log generator: sfc32 seeded through splitmix32. Every value
// in a generated dataset comes from here, so the same seed and options give byte-identical files.

const HEX = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

export class Rng {
  constructor(seed) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform 32-bit unsigned integer. */
  u32() {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next() {
    return this.u32() / 4294967296;
  }

  /** Integer in [lo, hi]. */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Float in [lo, hi). */
  float(lo, hi) {
    return lo + this.next() * (hi - lo);
  }

  chance(p) {
    return this.next() < p;
  }

  pick(arr) {
    return arr[Math.floor(this.next() * arr.length)];
  }

  /** Exponentially distributed value with the given mean (Poisson arrivals). */
  exp(mean) {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Roughly log-normal: a typical value with a long right tail (durations). */
  spread(typical, sigma = 0.5) {
    const g = (this.next() + this.next() + this.next() - 1.5) * 2; // ~N(0,1)
    return typical * Math.exp(g * sigma);
  }

  hex(bytes) {
    let s = '';
    for (let i = 0; i < bytes; i += 4) {
      const v = this.u32();
      s += HEX[v & 255] + HEX[(v >>> 8) & 255] + HEX[(v >>> 16) & 255] + HEX[v >>> 24];
    }
    return bytes % 4 === 0 ? s : s.slice(0, bytes * 2);
  }

  /** A version-4 UUID string. */
  uuid() {
    const h = this.hex(16);
    const v = ((parseInt(h[16], 16) & 3) | 8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Weighted choice: `table` is [[weight, value], …] with a precomputed total in table.total. */
  weighted(table) {
    let x = this.next() * table.total;
    for (const [w, v] of table) {
      x -= w;
      if (x < 0) return v;
    }
    return table[table.length - 1][1];
  }
}

export function weightTable(entries) {
  const t = entries.filter(([w]) => w > 0);
  t.total = t.reduce((n, [w]) => n + w, 0);
  return t;
}
