'use strict';
// Issue 11 in real n8n: each package installed with exactly its README's commands (by hand, and the
// part of the Docker command that runs inside the container) into a fresh n8n user folder, on its own
// and both together, loads in n8n and runs: one Get per package against its fake API.
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');

const { startFakeCirrus } = require('../../fake-cirrus/server');
const { startFakeKmi } = require('../../fake-kmi/server');
const { N8nFolder, outputOf } = require('../lib/n8n');
const { installFromReadme } = require('../lib/packages');
const { itemsThroughNode } = require('../lib/workflows');

const TOKEN = 'e2e-install-token-1a2b3c4d';
const KMI_KEY = 'e2e0ab1e-5555-4666-8777-b88899990000';
const KMI_SECRET = 'e2e-install-secret-5e6f7a';

module.exports = {
	name: 'install',
	lines: ['1', '2', 'min'],
	async run({ line, packages, workDir, step }) {
		const cirrus = await startFakeCirrus({ token: TOKEN });
		const kmi = await startFakeKmi({ keys: { [KMI_KEY]: KMI_SECRET } });
		const byName = Object.fromEntries(packages.map((pkg) => [pkg.name, pkg]));
		const setups = {
			'n8n-nodes-cirrus-assessment': {
				credential: { id: 'installCirrusCred', name: 'Cirrus (install)', type: 'cirrusAssessmentApi', data: { token: TOKEN, environment: 'custom', baseUrl: cirrus.baseUrl } },
				workflow: itemsThroughNode('installCirrus', {
					type: 'n8n-nodes-cirrus-assessment.cirrusAssessment',
					credentials: { cirrusAssessmentApi: { id: 'installCirrusCred', name: 'Cirrus (install)' } },
					items: [{ id: 'NOBODY-1' }],
					parameters: { operation: 'get', externalId: '={{ $json.id }}', options: { whenNotFound: 'foundFalse' } },
				}),
			},
			'n8n-nodes-kmi-learning': {
				credential: { id: 'installKmiCred', name: 'KMI (install)', type: 'kmiLearningApi', data: { baseUrl: kmi.baseUrl, apiKey: KMI_KEY, apiSecret: KMI_SECRET } },
				workflow: itemsThroughNode('installKmi', {
					type: 'n8n-nodes-kmi-learning.kmiLearning',
					credentials: { kmiLearningApi: { id: 'installKmiCred', name: 'KMI (install)' } },
					items: [{ id: 'NOBODY-2' }],
					parameters: { operation: 'get', externalId: '={{ $json.id }}', options: { whenNotFound: 'foundFalse' } },
				}),
			},
		};
		assert.deepEqual(Object.keys(setups).sort(), Object.keys(byName).sort(), 'every package has an install check');

		/** A fresh user folder, the README install of `names`, then one Get per installed package in n8n. */
		const installAndRun = async (label, names, form) => {
			const folder = new N8nFolder(line, fs.mkdtempSync(path.join(workDir, `${label.replace(/\W+/g, '-')}-`)));
			await installFromReadme(folder.userFolder, names.map((name) => byName[name]), form);
			const installed = fs.readdirSync(path.join(folder.userFolder, '.n8n', 'nodes', 'node_modules')).filter((entry) => entry.startsWith('n8n-'));
			assert.deepEqual(installed.sort(), [...names].sort(), `${label}: only the named packages are installed (no n8n-workflow)`);
			await folder.importCredentials(names.map((name) => setups[name].credential));
			await folder.importWorkflows(names.map((name) => setups[name].workflow));
			for (const name of names) {
				const { id } = setups[name].workflow;
				const result = await folder.execute(id);
				assert.equal(result.code, 0, `${label}: ${id} failed:\n${result.output.slice(-3000)}`);
				const [item] = outputOf(result.run, 'Under Test', 0);
				assert.deepEqual(item.json, { found: false, externalId: name.includes('cirrus') ? 'NOBODY-1' : 'NOBODY-2' }, `${label}: ${id}`);
			}
		};

		fs.mkdirSync(workDir, { recursive: true });
		try {
			for (const name of Object.keys(setups)) {
				await step(`${name} alone, README install by hand`, () => installAndRun(`${name}-alone`, [name], 'byHand'));
			}
			await step('both packages together, README install in Docker (the sh -c part)', () =>
				installAndRun('both-docker', Object.keys(setups), 'docker'),
			);
		} finally {
			await cirrus.stop();
			await kmi.stop();
		}
	},
};
