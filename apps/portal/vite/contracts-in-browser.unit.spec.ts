import { describe, expect, it } from '@jest/globals';
import { rewriteValidators } from './contracts-in-browser.js';

const generated = [
  '/* Generated */',
  "import { createRequire } from 'node:module';",
  "import { frenchFormats } from '../french-formats.js';",
  'const require = createRequire(import.meta.url);',
  "const __formats = { ...require('ajv-formats/dist/formats').fullFormats, ...frenchFormats };",
  'const func2 = require("ajv/dist/runtime/ucs2length").default;const func0 = require("ajv/dist/runtime/equal").default;',
].join('\n');

describe('contracts validators in the browser', () => {
  it('replaces node:module requires with ES imports of the same helpers', () => {
    const out = rewriteValidators(generated);
    expect(out).not.toContain('require(');
    expect(out).not.toContain('node:module');
    expect(out).toContain("import * as __ajvFormatsModule from 'ajv-formats/dist/formats.js';");
    expect(out).toContain("import __ajvEqualModule from 'ajv/dist/runtime/equal.js';");
    expect(out).toContain('const func0 = __ajvEqual;');
    expect(out).toContain("import { frenchFormats } from '../french-formats.js';");
  });

  it('fails loudly when the generated file changes shape', () => {
    expect(() => rewriteValidators('export const x = 1;')).toThrow(/not found/);
    expect(() => rewriteValidators(`${generated}\nrequire("other")`)).toThrow(/unexpected require/);
  });
});
