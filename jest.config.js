// Every suite runs twice: against n8n-core/n8n-workflow 2.x (as n8n 2.41.1 ships them) and 1.x
// (as n8n 1.123.81 ships them). The node's own `require('n8n-workflow')` follows the line, as it does
// inside real n8n, where the package's peer dependency resolves to n8n's own copy.
const path = require('path');

const shared = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
};

/** @type {import('jest').Config} */
module.exports = {
	// The fake API servers listen on ephemeral loopback ports; a generous timeout absorbs a slow shared CI machine.
	testTimeout: 60000,
	projects: [
		{ ...shared, displayName: 'n8n 2.x' },
		{
			...shared,
			displayName: 'n8n 1.x',
			setupFilesAfterEnv: ['<rootDir>/test/helpers/n8n-core-v1-teardown.js'],
			moduleNameMapper: {
				'^n8n-workflow$': path.join(__dirname, 'node_modules/n8n-workflow-v1'),
				'^n8n-core$': path.join(__dirname, 'node_modules/n8n-core-v1'),
			},
		},
	],
};
