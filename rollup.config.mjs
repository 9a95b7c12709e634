// The components' CDN bundle: one self-contained ES module a portal loads with
// <script type="module" src=".../emwatch.js">. Dependencies (lit, core) are bundled in;
// workspace packages resolve to their sources through the `source` condition.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

export default {
  input: 'packages/components/src/cdn.ts',
  output: {
    file: 'packages/components/dist/cdn/emwatch.js',
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    nodeResolve({
      browser: true,
      exportConditions: ['source', 'browser', 'module', 'import', 'default'],
      extensions: ['.ts', '.js'],
    }),
    esbuild({ target: 'es2022', tsconfig: 'packages/components/tsconfig.json' }),
    terser({ format: { comments: false } }),
  ],
};
