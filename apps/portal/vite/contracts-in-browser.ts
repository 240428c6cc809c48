import type { Plugin } from 'vite';

// The contracts' precompiled ajv validators load their runtime helpers with node:module's
// createRequire, which a browser has not. Rewriting those three requires as ES imports lets the
// portal validate with exactly the code the services run, so both give the same French messages.
const requirePreamble = ["import { createRequire } from 'node:module';", 'const require = createRequire(import.meta.url);'];
// Each CommonJS helper is imported whole; `.default ?? module` copes with either interop shape.
const replacements: readonly (readonly [string, string, string])[] = [
  [
    "require('ajv-formats/dist/formats').fullFormats",
    '__ajvFormats.fullFormats',
    "import * as __ajvFormatsModule from 'ajv-formats/dist/formats.js';\nconst __ajvFormats = __ajvFormatsModule.fullFormats ? __ajvFormatsModule : __ajvFormatsModule.default;",
  ],
  [
    'require("ajv/dist/runtime/equal").default',
    '__ajvEqual',
    "import __ajvEqualModule from 'ajv/dist/runtime/equal.js';\nconst __ajvEqual = __ajvEqualModule.default ?? __ajvEqualModule;",
  ],
  [
    'require("ajv/dist/runtime/ucs2length").default',
    '__ajvUcs2length',
    "import __ajvUcs2lengthModule from 'ajv/dist/runtime/ucs2length.js';\nconst __ajvUcs2length = __ajvUcs2lengthModule.default ?? __ajvUcs2lengthModule;",
  ],
];

export function rewriteValidators(code: string): string {
  let out = code;
  for (const line of requirePreamble) {
    if (!out.includes(line)) throw new Error(`contracts validators: "${line}" not found`);
    out = out.replace(line, '');
  }
  const imports: string[] = [];
  for (const [call, name, statement] of replacements) {
    if (!out.includes(call)) continue;
    out = out.split(call).join(name);
    imports.push(statement);
  }
  if (/\brequire\(/.test(out)) throw new Error('contracts validators: an unexpected require() remains');
  return `${imports.join('\n')}\n${out}`;
}

export function contractsInBrowser(): Plugin {
  return {
    name: 'guichet-contracts-in-browser',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replace(/\\/g, '/').endsWith('contracts/src/generated/validators.js')) return null;
      return { code: rewriteValidators(code), map: null };
    },
  };
}
