/**
 * The syntax level of every emitted file, so newer syntax cannot reach a phone again.
 *
 * - weapp (`demo-app/dist/weapp`): every `.js` parses as ES2015 scripts — the level of Taro's own runtime;
 *   `project.config.json` has `es6: false`, so WeChat transpiles nothing at upload and an iPhone whose
 *   JavaScriptCore predates newer syntax would fail to parse the whole package. Every `.wxs` parses as ES5
 *   (WXS is an ES5 subset).
 * - H5 (`demo-app/dist/h5`): every `.js` parses at the ECMAScript level that the H5 browserslist (`h5` env of
 *   demo-app's package.json) supports, worked out with Babel's own compatibility data.
 *
 * Parsing uses acorn at the given `ecmaVersion` (it rejects syntax and regular-expression features newer
 * than that version).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ecmaVersion, parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { H5_DIST } from '../browser/harness';
import { WEAPP_DIST } from './harness';

const require = createRequire(import.meta.url);
const DEMO_APP = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo-app');

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p, ext);
    return p.endsWith(ext) ? [p] : [];
  });
}

/** `file: message` for each file that does not parse at `version`. */
function syntaxErrors(list: string[], version: ecmaVersion, root: string): string[] {
  const out: string[] = [];
  for (const file of list) {
    const source = readFileSync(file, 'utf8');
    try {
      parse(source, { ecmaVersion: version, sourceType: 'script', allowHashBang: false });
    } catch (e) {
      const pos = (e as { pos?: number }).pos ?? 0;
      out.push(
        `${relative(root, file)}: ${(e as Error).message} near ${JSON.stringify(source.slice(pos - 30, pos + 30))}`,
      );
    }
  }
  return out;
}

/**
 * Syntax transforms of @babel/preset-env by the ECMAScript edition that introduced the syntax. The level of a
 * browserslist is the last edition before the first one with a transform those browsers still need.
 */
const SYNTAX_BY_EDITION: Array<[ecmaVersion, string[]]> = [
  [
    2015,
    [
      'transform-arrow-functions',
      'transform-block-scoping',
      'transform-classes',
      'transform-computed-properties',
      'transform-destructuring',
      'transform-for-of',
      'transform-parameters',
      'transform-shorthand-properties',
      'transform-spread',
      'transform-sticky-regex',
      'transform-template-literals',
      'transform-unicode-regex',
      'transform-new-target',
      'transform-regenerator',
    ],
  ],
  [2016, ['transform-exponentiation-operator']],
  [2017, ['transform-async-to-generator']],
  [
    2018,
    [
      'transform-async-generator-functions',
      'transform-dotall-regex',
      'transform-named-capturing-groups-regex',
      'transform-object-rest-spread',
      'transform-unicode-property-regex',
    ],
  ],
  [2019, ['transform-json-strings', 'transform-optional-catch-binding']],
  [2020, ['transform-nullish-coalescing-operator', 'transform-optional-chaining', 'transform-export-namespace-from']],
  [2021, ['transform-logical-assignment-operators', 'transform-numeric-separator']],
  [
    2022,
    [
      'transform-class-properties',
      'transform-private-methods',
      'transform-class-static-block',
      'transform-private-property-in-object',
    ],
  ],
  [2024, ['transform-unicode-sets-regex']],
  [2025, ['transform-duplicate-named-capturing-groups-regex', 'transform-regexp-modifiers']],
];

/** The ECMAScript level the `env` browserslist of demo-app supports (5 when ES2015 is not fully there). */
export function browserslistLevel(env: string): ecmaVersion {
  const targets = require('@babel/helper-compilation-targets') as {
    default: (t: object, o: { browserslistEnv: string; configPath: string }) => Record<string, string>;
    isRequired: (plugin: string, targets: Record<string, string>) => boolean;
  };
  const resolved = targets.default({}, { browserslistEnv: env, configPath: join(DEMO_APP, 'package.json') });
  let level: ecmaVersion = 5;
  for (const [edition, plugins] of SYNTAX_BY_EDITION) {
    if (plugins.some((p) => targets.isRequired(p, resolved))) break;
    level = edition;
  }
  return level;
}

describe('emitted syntax: weapp build', () => {
  it('every .js file parses as ES2015, as Taro’s runtime does (WeChat does not transpile: es6 false)', () => {
    const project = JSON.parse(readFileSync(join(WEAPP_DIST, 'project.config.json'), 'utf8'));
    expect(project.setting.es6).toBe(false);
    const js = files(WEAPP_DIST, '.js');
    expect(js.length).toBeGreaterThan(5);
    expect(syntaxErrors(js, 2015, WEAPP_DIST)).toEqual([]);
  });

  it('every .wxs file parses as ES5', () => {
    const wxs = files(WEAPP_DIST, '.wxs');
    expect(wxs.length).toBeGreaterThan(0);
    expect(syntaxErrors(wxs, 5, WEAPP_DIST)).toEqual([]);
  });

  it('the checker refuses what a 2015 engine cannot parse', () => {
    // The check itself must be able to fail: each of these appeared in our chunks before.
    for (const source of ['a ?? b', 'a?.b', 'a ??= b', 'class A { x = 1 }', 'async () => {}', 'try {} catch {}']) {
      expect(() => parse(source, { ecmaVersion: 2015, sourceType: 'script' }), source).toThrow();
    }
  });
});

describe('emitted syntax: H5 build', () => {
  it('every .js file parses at the level of the H5 browserslist', () => {
    const level = browserslistLevel('h5');
    expect(level).toBeGreaterThanOrEqual(2015);
    const js = files(H5_DIST, '.js');
    expect(js.length).toBeGreaterThan(3);
    expect(syntaxErrors(js, level, H5_DIST)).toEqual([]);
  });

  it("the mini program's browserslist is Taro's ES5 convention, below the ES2015 check", () => {
    expect(browserslistLevel('production')).toBe(5);
  });
});
