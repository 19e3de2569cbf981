// Shared lint configuration: the workspace rules (default export) and the Angular rules (angularConfig).
import nx from '@nx/eslint-plugin';
import baseConfig from './eslint.config.mjs';

/** The Angular rules every web project shares; `prefix` is the selector prefix (`bd` in libs). */
export function angularConfig(prefix) {
  return [
    ...nx.configs['flat/angular'],
    ...nx.configs['flat/angular-template'],
    ...baseConfig,
    {
      files: ['**/*.ts'],
      rules: {
        '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix, style: 'camelCase' }],
        '@angular-eslint/component-selector': ['error', { type: 'element', prefix, style: 'kebab-case' }],
      },
    },
  ];
}

/** The workspace rules, for non-Angular projects whose generated config imports this file's default. */
export default baseConfig;
