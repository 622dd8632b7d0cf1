import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fontverter from 'fontverter';
import subsetFont from 'subset-font';
import { ICONS } from '../src/app/core/icons';

/**
 * `nx run dashboard:icons`: Material Symbols Outlined cut down to the icons in ICONS, written as
 * `<dir>/material-symbols-outlined.woff2` for `src/material-symbols.css`.
 *
 * An icon is a ligature: the letters of its name become one glyph. Subsetting by those letters
 * alone would keep every icon spelled with them (nearly the whole font), so the subset keeps the
 * letters and each icon's own glyph (through its private-use code point) and does no layout
 * closure: only ligatures whose letters and glyph both survive remain. The result is shaped again
 * and the build fails unless every name still draws one glyph and an icon left out does not.
 */
const SOURCE = require.resolve('material-symbols/material-symbols-outlined.woff2');
const FILE = 'material-symbols-outlined.woff2';

/** The one style the dashboard draws: mat-icon's weight 400, unfilled, grade 0, 24 px optical size. */
const STYLE = { FILL: 0, wght: 400, GRAD: 0, opsz: 24 };

/** An icon the dashboard does not use, whose letters all survive: it must not survive as an icon. */
const LEFT_OUT = 'home';

type HarfBuzz = typeof import('harfbuzzjs');

/**
 * harfbuzzjs is an ES module with top-level await, which require() cannot load, and swc compiles
 * this script's import() into require(): a Function body keeps a real import().
 */
const importHarfBuzz = new Function('return import("harfbuzzjs")') as () => Promise<HarfBuzz>;

/** A font opened for shaping: the glyphs a text becomes, and the code points it maps. */
class Shaper {
  private constructor(
    private readonly hb: HarfBuzz,
    private readonly face: InstanceType<HarfBuzz['Face']>,
    private readonly font: InstanceType<HarfBuzz['Font']>,
  ) {}

  static async open(sfnt: Buffer): Promise<Shaper> {
    const hb = await importHarfBuzz();
    const face = new hb.Face(new hb.Blob(sfnt));
    return new Shaper(hb, face, new hb.Font(face));
  }

  glyphs(text: string): number[] {
    const buffer = new this.hb.Buffer();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    this.hb.shape(this.font, buffer);
    return buffer.getGlyphInfos().map((glyph) => glyph.codepoint);
  }

  codePoints(): number[] {
    return [...this.face.collectUnicodes()];
  }
}

/** HarfBuzz shapes TrueType, not WOFF2. */
function toSfnt(font: Buffer): Promise<Buffer> {
  return fontverter.convert(font, 'truetype');
}

export async function subsetIcons(names: readonly string[]): Promise<Buffer> {
  const original = readFileSync(SOURCE);
  const font = await Shaper.open(await toSfnt(original));
  const codePointOf = new Map<number, number>();
  for (const codePoint of font.codePoints().filter((c) => c >= 0xe000)) {
    const [glyph] = font.glyphs(String.fromCodePoint(codePoint));
    if (!codePointOf.has(glyph)) codePointOf.set(glyph, codePoint);
  }
  const letters = new Set<string>();
  let text = '';
  for (const name of names) {
    const glyphs = font.glyphs(name);
    const codePoint = glyphs.length === 1 ? codePointOf.get(glyphs[0]) : undefined;
    if (codePoint === undefined) throw new Error(`Material Symbols Outlined has no icon "${name}"`);
    text += String.fromCodePoint(codePoint);
    for (const letter of name) letters.add(letter);
  }
  text += [...letters].join('');
  const subset = await subsetFont(original, text, { targetFormat: 'woff2', noLayoutClosure: true, variationAxes: STYLE });
  await verify(subset, names);
  return subset;
}

async function verify(subset: Buffer, names: readonly string[]): Promise<void> {
  const font = await Shaper.open(await toSfnt(subset));
  const broken = names.filter((name) => {
    const glyphs = font.glyphs(name);
    return glyphs.length !== 1 || glyphs[0] === 0;
  });
  if (broken.length) throw new Error(`the subset does not draw ${broken.join(', ')}`);
  if (font.glyphs(LEFT_OUT).length === 1) throw new Error(`the subset still draws "${LEFT_OUT}": it is not a subset`);
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: subset-icons.ts <output directory>');
  if ((ICONS as readonly string[]).includes(LEFT_OUT)) throw new Error(`pick another LEFT_OUT than "${LEFT_OUT}": the dashboard uses it`);
  subsetIcons(ICONS).then(
    (font) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, FILE), font);
      console.log(
        `${ICONS.length} icons: ${FILE}, ${(font.length / 1024).toFixed(1)} kB (the whole font: ${(readFileSync(SOURCE).length / 1024).toFixed(0)} kB)`,
      );
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
