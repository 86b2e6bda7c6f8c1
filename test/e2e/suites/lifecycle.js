'use strict';
// The package at work in real n8n: Create → Get → Update (with rename) → Delete, the error output,
// a wrong token, the shipped example (KMI changed users → Cirrus), a webhook-driven upsert, and the
// AI-tool variants in n8n's node list.
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');

const { startFakeCirrus } = require('../../fake-cirrus/server');
const { startFakeKmi } = require('../../fake-kmi/server');
const {
	checkLifecycle,
	checkErrors,
	checkWrongToken,
	checkWebhook,
	checkToolRegistered,
	seedKmiForExample,
	checkKmiExample,
} = require('../checks');
const { setUpOwner } = require('../lib/n8n');
const { ROOT } = require('../lib/packages');
const { httpRequest, waitFor } = require('../lib/processes');

const WORKFLOWS_DIR = path.join(__dirname, '..', 'workflows');
const EXAMPLE_WORKFLOW = path.join(ROOT, 'examples', 'kmi-changed-users-to-cirrus.json');
const TOKEN = 'e2e-token-5d1f0c9e8b7a';
const WRONG_TOKEN = 'e2e-WRONG-token-3a2b1c';
const KMI_KEY = 'e2e0c0de-1111-4222-8333-944455556666';
const KMI_SECRET = 'e2e-kmi-secret-7c6b5a';

module.exports = {
	name: 'lifecycle',
	lines: ['1', '2', 'min'],
	async run({ folder, packages, step }) {
		const server = await startFakeCirrus({ token: TOKEN });
		const kmi = await startFakeKmi({ keys: { [KMI_KEY]: KMI_SECRET } });
		try {
			const cirrusCredential = (id, name, token) => ({
				id,
				name,
				type: 'cirrusAssessmentApi',
				data: { token, environment: 'custom', baseUrl: server.baseUrl },
			});
			const example = JSON.parse(fs.readFileSync(EXAMPLE_WORKFLOW, 'utf8'));
			await step('import credentials, workflows and the example', async () => {
				await folder.importCredentials([
					cirrusCredential('cirrusE2eCred', 'Cirrus E2E (fake server)', TOKEN),
					cirrusCredential('cirrusE2eWrongToken', 'Cirrus E2E (wrong token)', WRONG_TOKEN),
					// The ids the example workflow refers to, so that it runs as imported.
					cirrusCredential('cirrusExampleCredential', 'Cirrus Assessment account', TOKEN),
					{
						id: 'kmiExampleCredential',
						name: 'KMI Learning account',
						type: 'kmiLearningApi',
						data: { baseUrl: kmi.baseUrl, apiKey: KMI_KEY, apiSecret: KMI_SECRET },
					},
				]);
				const workflowFiles = fs.readdirSync(WORKFLOWS_DIR).filter((file) => file.endsWith('.json'));
				// The example exactly as it ships; n8n 2.x's import needs the id it carries.
				await folder.importWorkflows([...workflowFiles.map((file) => path.join(WORKFLOWS_DIR, file)), EXAMPLE_WORKFLOW]);
				const list = await folder.cli(['list:workflow']);
				assert.ok(list.stdout.includes(`${example.id}|`), `the example is not among the imported workflows:\n${list.stdout}`);
			});

			server.reset();
			await step('execute lifecycle', async () => {
				const result = await folder.execute('e2eCirrusLifecycle');
				assert.equal(result.code, 0, `lifecycle run failed:\n${result.output.slice(-4000)}`);
				checkLifecycle(result.run, server);
			});

			server.reset();
			server.state.users.set('E2E-EXISTING', { ExternalId: 'E2E-EXISTING', FirstName: 'Already', LastName: 'There' });
			await step('execute errors (error output)', async () => {
				const result = await folder.execute('e2eCirrusErrors');
				assert.equal(result.code, 0, `errors run failed:\n${result.output.slice(-4000)}`);
				checkErrors(result.run, server);
			});

			server.reset();
			await step('execute wrong token', async () => {
				checkWrongToken(await folder.execute('e2eCirrusWrongToken'), { token: WRONG_TOKEN, goodToken: TOKEN });
			});

			server.reset();
			server.state.users.set('K-2', { ExternalId: 'K-2', FirstName: 'Old', LastName: 'Learner' });
			seedKmiForExample(kmi, KMI_KEY);
			await step('execute the example (KMI changed users → Cirrus)', async () => {
				const startedAt = Date.now();
				checkKmiExample(await folder.execute(example.id), kmi, server, startedAt);
			});

			server.reset();
			await step('webhook and AI tool in a running n8n', async () => {
				await folder.activate('e2eCirrusWebhook');
				const n8n = await folder.start();
				try {
					const webhookUrl = `${n8n.baseUrl}/webhook/cirrus-e2e-onboarding`;
					const user = { externalId: 'E2E-HOOK-1', firstName: 'Webhook', lastName: 'User', email: 'hook@example.com' };
					// Webhooks register a little after /healthz answers: until then the POST gets a 404 and
					// does nothing, so the first POST is repeated (bounded) until it is served.
					const first = await waitFor('the webhook is registered', async () => {
						const answer = await httpRequest('POST', webhookUrl, user);
						return answer.status !== 404 && answer;
					}, { limitMs: 60_000 });
					const second = await httpRequest('POST', webhookUrl, { ...user, firstName: 'Webhook Again' });
					checkWebhook([first, second], server);
					const cookie = await setUpOwner(n8n.baseUrl, {
						email: 'e2e-owner@example.com',
						firstName: 'E2E',
						lastName: 'Owner',
						password: 'E2e-owner-password-1',
					});
					const types = await httpRequest('GET', `${n8n.baseUrl}/types/nodes.json`, undefined, { Cookie: cookie });
					checkToolRegistered(types, packages);
				} finally {
					await n8n.stop();
				}
			});
		} finally {
			await server.stop();
			await kmi.stop();
		}
	},
};
