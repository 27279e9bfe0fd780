// Jest transform for TypeScript with esbuild (already here through tsx): type-strips to CommonJS with
// source maps. Type checking is tsc's job (`npm run typecheck`). Also compiles the ESM-only packages
// jest.config.cjs lets through to CommonJS.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const result = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'es2022',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code: result.code };
  },
};
