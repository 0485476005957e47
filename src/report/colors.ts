// Colour functions, decided once: NO_COLOR / --no-color / TERM=dumb turn colour off, FORCE_COLOR forces
// it, otherwise colour only on a TTY. Renderers take a Palette and never look at the environment.
import { Chalk } from 'chalk';

export interface Palette {
  error: (s: string) => string;
  warn: (s: string) => string;
  ok: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
  accent: (s: string) => string;
}

export interface ColorEnv {
  flag: boolean | undefined; // --color / --no-color
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

export function colorLevel({ flag, env, isTTY }: ColorEnv): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2' || force === '3') return Number(force) as 2 | 3;
    return 1;
  }
  if (flag === true) return 1;
  if (!isTTY || env.TERM === 'dumb') return 0;
  return env.COLORTERM === 'truecolor' ? 3 : 2;
}

export function createPalette(level: 0 | 1 | 2 | 3): Palette {
  const c = new Chalk({ level });
  return {
    error: (s) => c.red.bold(s),
    warn: (s) => c.yellow(s),
    ok: (s) => c.green(s),
    dim: (s) => c.dim(s),
    bold: (s) => c.bold(s),
    accent: (s) => c.cyan(s),
  };
}

export const PLAIN: Palette = createPalette(0);
