import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** ESLint with typescript-eslint's recommended rules, over everything but the build and dependencies. */
export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        performance: 'readonly',
        fetch: 'readonly'
      }
    },
    rules: {
      // Unused arguments keep a signature readable when named with a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Runner protocol strings and API text are matched with control characters on purpose.
      'no-control-regex': 'off'
    }
  },
  {
    // Small functions with one job each: a function of src/ over about 60 lines does more than one.
    files: ['src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] }
  }
)
