// @swc/jest, and for the API tests (server/test/**) their imports of the server (src/ → the built
// dist/) and of packages turned into `await __serverImport(…)`: one copy per jest worker instead of
// one per test file (./environment.mjs says why). Relative imports inside test/ stay jest's.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import swcJest from '@swc/jest';

const root = path.resolve(import.meta.dirname, '..', '..');
const testDir = path.join(root, 'test') + path.sep;
const srcDir = path.join(root, 'src') + path.sep;
// Left to jest: exceljs tells the rows a test builds from their `instanceof Array`, which the
// sandbox's arrays are not in the worker's realm (tests only build and read files with it).
const sandboxed = new Set(['exceljs']);
const self = createHash('sha1')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .digest('hex');

/** Where an import of `specifier` from `file` is served from the worker, or null to leave it to jest. */
function target(specifier, file) {
  if (specifier.startsWith('.')) {
    const abs = path.resolve(path.dirname(file), specifier);
    return abs.startsWith(srcDir) ? pathToFileURL(path.join(root, 'dist', 'src', abs.slice(srcDir.length))).href : null;
  }
  if (isBuiltin(specifier) || sandboxed.has(specifier) || specifier === 'jest' || specifier.startsWith('@jest/')) return null;
  return specifier;
}

/** `a, b as c, default as d` → `a, b: c, default: d` */
const destructure = (names) => names.replace(/\s+as\s+/g, ': ');

/**
 * swc prints each import declaration on one line at the top of the module: each one served from the
 * worker becomes constants on the same line (the line count, so the source map, stays).
 */
function rewrite(code, file) {
  let n = 0;
  return code
    .replace(/^import\s+(?:(.+?)\s+from\s+)?(["'])([^"']+)\2;$/gm, (line, clause, _quote, specifier) => {
      const to = target(specifier, file);
      if (!to) return line;
      const v = `__server${n++}`;
      const parts = [`const ${v} = await __serverImport(${JSON.stringify(to)});`];
      const m = /^(?:([\w$]+)\s*,?\s*)?(?:\*\s+as\s+([\w$]+)|\{([^}]*)\})?$/.exec((clause ?? '').trim());
      if (!m) throw new Error(`${file}: cannot serve this import from the worker: ${line}`);
      if (m[1]) parts.push(`const ${m[1]} = ${v}.default;`);
      if (m[2]) parts.push(`const ${m[2]} = ${v};`);
      if (m[3]?.trim()) parts.push(`const { ${destructure(m[3].trim())} } = ${v};`);
      return parts.join(' ');
    })
    .replace(/\bimport\((["'])([^"']+)\1\)/g, (call, _quote, specifier) => {
      const to = target(specifier, file);
      return to ? `__serverImport(${JSON.stringify(to)})` : call;
    });
}

export default {
  createTransformer(options) {
    const swc = swcJest.createTransformer(options);
    const served = (file, out) => (file.startsWith(testDir) ? { ...out, code: rewrite(out.code, file) } : out);
    return {
      ...swc,
      process: (src, file, opts) => served(file, swc.process(src, file, opts)),
      processAsync: async (src, file, opts) => served(file, await swc.processAsync(src, file, opts)),
      getCacheKey: (...args) => `${swc.getCacheKey(...args)}:${self}`,
    };
  },
};
