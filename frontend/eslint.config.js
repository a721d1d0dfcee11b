// Lint: typescript-eslint's recommended rules, the hooks rules, and the bulletproof-react
// import direction: app -> features -> shared (components, lib, testing). A feature never
// imports another feature, shared code never imports a feature or the app, and only the
// api modules (src/features/<feature>/api/<name>Api.ts, src/lib/schemasApi.ts) and the shared
// core src/lib/backend.ts touch the generated Wails bindings.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Every folder under src/features is a feature.
const features = readdirSync(join(import.meta.dirname, 'src', 'features'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const bindings = {
  group: ['**/wailsjs/**'],
  message: "call the backend through the feature's api module (api/<name>Api.ts), the typed wrapper over the generated bindings",
};
const appAndFeatures = {
  group: ['@/features/*', '@/app', '@/app/*'],
  message: 'shared code (components, lib) must not import features or the app',
};
const otherFeatures = (feature) => ({
  group: ['@/features/*', `!@/features/${feature}`, '@/app', '@/app/*'],
  message: 'a feature imports only itself and shared code; compose features in src/app',
});
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist', 'wailsjs', 'node_modules', 'e2e', '*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      ...restrict(bindings),
    },
  },
  { files: ['src/components/**', 'src/lib/**'], rules: restrict(bindings, appAndFeatures) },
  ...features.map((f) => ({ files: [`src/features/${f}/**`], rules: restrict(bindings, otherFeatures(f)) })),
  // The api modules, the shared core, and tests that check the generated enums.
  { files: ['src/lib/backend.ts', 'src/lib/schemasApi.ts', 'src/**/__tests__/**'], rules: restrict(appAndFeatures) },
  ...features.map((f) => ({ files: [`src/features/${f}/api/*Api.ts`], rules: restrict(otherFeatures(f)) })),
);
