// Jest transform for TypeScript with esbuild (already here through tsx): type-strips to CommonJS with
// source maps. Type checking is tsc's job (`npm run typecheck`).
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const result = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'es2022',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code: result.code };
  },
};
