// n8n's community-node lint (via @n8n/node-cli), without the n8n Cloud restrictions:
// this package has runtime dependencies (json-rules-engine, zod, luxon) and a command-line tool,
// which n8n Cloud's verified-node rules do not allow. See README "Lint and n8n Cloud".
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', 'scripts/**/*.js', 'test/fakes/**/*.js', 'jest.config.js', 'gulpfile.js'] },
	...configWithoutCloudSupport,
	{
		files: ['package.json'],
		rules: {
			// Runtime dependencies are deliberate (json-rules-engine for decisions, zod at boundaries, luxon for time);
			// n8n installs them for community packages. This only blocks n8n Cloud verification.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		// n8n's node rules apply to node and credential classes. The engine, the CLI and the tests are not nodes:
		// they throw their own domain errors, which the nodes wrap in NodeOperationError / NodeApiError.
		files: ['engine/**/*.ts', 'bin/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/node-usable-as-tool': 'off',
			'@n8n/community-nodes/missing-paired-item': 'off',
		},
	},
	{
		// `const { omitted: _omitted, ...rest } = x` is how a field is left out; the underscore says it is deliberate.
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ varsIgnorePattern: '^_', argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
			],
		},
	},
	{
		// Tests hand made-up tokens to the local fake servers; they are not secrets.
		files: ['test/**/*.ts'],
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-require-imports': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
		},
	},
	{
		// The end-to-end tests start real processes (n8n, npm, the fakes, ip netns); they are never shipped.
		files: ['test/e2e/**/*.ts'],
		rules: { '@n8n/community-nodes/no-dangerous-functions': 'off' },
	},
];
