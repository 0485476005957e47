import type { Palette } from './colors.js';

/** Everything a renderer needs to know about how to render, merged once by the CLI. */
export interface RenderContext {
  palette: Palette;
  verbose: boolean;
  /** Characters available per line; messages are trimmed to fit (unless verbose). */
  width: number;
}
