/**
 * Accessibility checks for the browser tests: axe-core injected into the page, and contrast measured
 * from the pixels Chromium actually painted.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs axe-core (WCAG 2.x A/AA rules and best practices) over the whole page; returns its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** The serious and critical ones, as readable lines for an assertion message. */
export function seriousViolations(violations: AxeViolation[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export type Rgb = readonly [number, number, number];

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function luminance([r, g, b]: Rgb): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two opaque colours. */
export function contrast(a: Rgb, b: Rgb): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextSample {
  /** The text colour as painted: the pixel in the text's box farthest in luminance from the background. */
  text: Rgb;
  /** The background as painted: the median of points in the padding beside the text. */
  background: Rgb;
  ratio: number;
}

export interface TextProbe {
  /** Where the glyphs are (CSS pixels). */
  textBox: Box;
  /** CSS-pixel points inside the same backdrop but clear of any glyph. */
  backgroundPoints: Array<[number, number]>;
}

/** Measures painted contrast for each probe, all from one fresh screenshot of the page. */
export async function measureTexts(page: Page, probes: TextProbe[]): Promise<TextSample[]> {
  const png = (await page.screenshot({ type: 'png' })).toString('base64');
  const colours = await page.evaluate(
    async ({ png, probes }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('no 2d canvas');
      ctx.drawImage(img, 0, 0);
      const scale = img.naturalWidth / window.innerWidth;
      const all = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const at = (x: number, y: number): [number, number, number] => {
        const i = (Math.round(y) * canvas.width + Math.round(x)) * 4;
        return [all[i] ?? 0, all[i + 1] ?? 0, all[i + 2] ?? 0];
      };
      const lum = ([r, g, b]: [number, number, number]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
      return probes.map(({ textBox, backgroundPoints }) => {
        const bgs = backgroundPoints.map(([x, y]) => at(x * scale, y * scale)).sort((a, b) => lum(a) - lum(b));
        const background = bgs[Math.floor(bgs.length / 2)] ?? [0, 0, 0];
        const bgLum = lum(background);
        let text: [number, number, number] = background;
        let best = -1;
        const x0 = Math.round(textBox.x * scale);
        const y0 = Math.round(textBox.y * scale);
        const x1 = Math.min(canvas.width, x0 + Math.max(1, Math.round(textBox.width * scale)));
        const y1 = Math.min(canvas.height, y0 + Math.max(1, Math.round(textBox.height * scale)));
        for (let y = Math.max(0, y0); y < y1; y++) {
          for (let x = Math.max(0, x0); x < x1; x++) {
            const px = at(x, y);
            const distance = Math.abs(lum(px) - bgLum);
            if (distance > best) {
              best = distance;
              text = px;
            }
          }
        }
        return { text, background };
      });
    },
    { png, probes },
  );
  return colours.map(({ text, background }) => ({ text, background, ratio: contrast(text, background) }));
}
