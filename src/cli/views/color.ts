/** ANSI colours, off with --no-color, NO_COLOR, or when stdout is not a terminal. */
export interface Palette {
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const wrap = (code: number, reset: number) => (text: string) => `\u001b[${code}m${text}\u001b[${reset}m`;

export const COLORS: Palette = { green: wrap(32, 39), yellow: wrap(33, 39), red: wrap(31, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
export const PLAIN: Palette = { green: (t) => t, yellow: (t) => t, red: (t) => t, bold: (t) => t, dim: (t) => t };

export function paletteFor(noColor: boolean): Palette {
  if (noColor || process.env.NO_COLOR || !process.stdout.isTTY) return PLAIN;
  return COLORS;
}
