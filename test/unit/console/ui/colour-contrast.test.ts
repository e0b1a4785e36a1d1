import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TOKENS = readFileSync(join(__dirname, '../../../../console/ui/styles/tokens.css'), 'utf8');

/** The custom properties of the light scheme (the first `:root`) and of the dark one. */
function schemes(): { light: Record<string, string>; dark: Record<string, string> } {
  const darkStart = TOKENS.indexOf('@media (prefers-color-scheme: dark)');
  const read = (css: string) =>
    Object.fromEntries(
      [...css.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})\b/gi)].map(([, name, value]) => [name, value]),
    );
  return { light: read(TOKENS.slice(0, darkStart)), dark: read(TOKENS.slice(darkStart)) };
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(first: string, second: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((at) => {
      const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

describe('the console colours', () => {
  it.each(['light', 'dark'] as const)(
    'should outline text fields at 3:1 or more in the %s scheme (WCAG 1.4.11)',
    (scheme) => {
      const tokens = schemes()[scheme];
      for (const background of ['--surface', '--bg']) {
        expect(contrast(tokens['--border-strong'] ?? '', tokens[background] ?? '')).toBeGreaterThanOrEqual(3);
      }
    },
  );

  it.each(['light', 'dark'] as const)(
    'should write body and muted text at 4.5:1 or more in the %s scheme',
    (scheme) => {
      const tokens = schemes()[scheme];
      for (const text of ['--text', '--text-muted']) {
        expect(contrast(tokens[text] ?? '', tokens['--surface'] ?? '')).toBeGreaterThanOrEqual(4.5);
      }
    },
  );
});
