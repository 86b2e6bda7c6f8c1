'use strict';
// Issue 10 in real n8n: what the node sends is what the user meant. A Cirrus Update with an empty
// list (Hierarchies added without a group, Labels from an expression that gives nothing) keeps the
// user's groups and labels; a list given one entry per expression is taken apart. A KMI Update of
// one field keeps every other field the LMS holds, also those the node has no field for. KMI Get Many
// returns every user when the LMS caps its pages below what was asked.
const assert = require('assert/strict');

const { startFakeCirrus } = require('../../fake-cirrus/server');
const { startFakeKmi } = require('../../fake-kmi/server');
const { outputOf } = require('../lib/n8n');
const { nodeTypes } = require('../lib/packages');
const { itemsThroughNode } = require('../lib/workflows');

const TOKEN = 'e2e-payloads-token-4e5f6a7b';
const KMI_KEY = 'e2e0da7a-3333-4444-8555-a66677778888';
const KMI_SECRET = 'e2e-payloads-secret-9c8d7e';

async function runOk(folder, id) {
	const result = await folder.execute(id);
	assert.equal(result.code, 0, `${id} failed:\n${result.output.slice(-4000)}`);
	assert.deepEqual(outputOf(result.run, 'Under Test', 1).map((item) => item.json), [], `${id}: items on the error output`);
	return outputOf(result.run, 'Under Test', 0).map((item) => item.json);
}

module.exports = {
	name: 'payloads',
	lines: ['1', '2'],
	async run({ folder, step }) {
		const types = nodeTypes();
		const cirrus = await startFakeCirrus({ token: TOKEN });
		const kmi = await startFakeKmi({ keys: { [KMI_KEY]: KMI_SECRET } });
		const cirrusCredentials = { cirrusAssessmentApi: { id: 'payloadsCirrusCred', name: 'Cirrus (payloads)' } };
		const kmiCredentials = { kmiLearningApi: { id: 'payloadsKmiCred', name: 'KMI (payloads)' } };
		const group = { ExternalId: 'ORG-1', IsCoordinator: true, IsAdministrator: false, HasViewReportsPermissions: false, HasReScoringPermissions: false };
		try {
			await step('import credentials and workflows', async () => {
				await folder.importCredentials([
					{ id: 'payloadsCirrusCred', name: 'Cirrus (payloads)', type: 'cirrusAssessmentApi', data: { token: TOKEN, environment: 'custom', baseUrl: cirrus.baseUrl } },
					{ id: 'payloadsKmiCred', name: 'KMI (payloads)', type: 'kmiLearningApi', data: { baseUrl: kmi.baseUrl, apiKey: KMI_KEY, apiSecret: KMI_SECRET } },
				]);
				await folder.importWorkflows([
					itemsThroughNode('payloadsCirrusLists', {
						type: types.cirrusAssessment,
						credentials: cirrusCredentials,
						items: [
							{ id: 'P-1', city: 'Oslo', labels: [] },
							{ id: 'P-2', city: 'Bergen', labels: ['x', 'y'] },
						],
						parameters: {
							operation: 'update',
							externalId: '={{ $json.id }}',
							// Hierarchies added in the editor but left without a group; Labels one entry per expression.
							updateFields: { city: '={{ $json.city }}', hierarchies: {}, labels: ['={{ $json.labels }}'] },
						},
					}),
					itemsThroughNode('payloadsKmiKeep', {
						type: types.kmiLearning,
						credentials: kmiCredentials,
						items: [{ id: 'K-1' }],
						parameters: { operation: 'update', externalId: '={{ $json.id }}', updateFields: { city: 'Leeds' } },
					}),
					itemsThroughNode('payloadsKmiPaging', {
						type: types.kmiLearning,
						credentials: kmiCredentials,
						items: [{}],
						parameters: { operation: 'getMany', returnAll: true },
					}),
				]);
			});

			await step('Cirrus Update with empty lists keeps groups and labels', async () => {
				for (const id of ['P-1', 'P-2']) {
					cirrus.state.users.set(id, { ExternalId: id, FirstName: 'A', LastName: 'B', Labels: ['keep'], Hierarchies: [group] });
				}
				const output = await runOk(folder, 'payloadsCirrusLists');
				assert.deepEqual(output.map((user) => [user.ExternalId, user.City, user.Labels]), [
					['P-1', 'Oslo', ['keep']],
					['P-2', 'Bergen', ['x', 'y']],
				]);
				const patches = cirrus.state.requests.filter((request) => request.method === 'PATCH').map((request) => request.body);
				assert.deepEqual(patches, [{ City: 'Oslo' }, { City: 'Bergen', Labels: ['x', 'y'] }]);
				for (const id of ['P-1', 'P-2']) assert.deepEqual(cirrus.state.users.get(id).Hierarchies, [group], `${id} lost its groups`);
			});

			await step('KMI Update of City keeps expirationDate, phone and a custom field', async () => {
				const seeded = { externalId: 'K-1', email: 'k1@example.com', firstName: 'Kay', lastName: 'One', loginName: 'k1' };
				kmi.seedUser(KMI_KEY, { ...seeded, city: 'York', expirationDate: '2027-06-30', phone: '+44 20 7946 0000', department: 'Maths' });
				const [updated] = await runOk(folder, 'payloadsKmiKeep');
				const [stored] = kmi.users(KMI_KEY);
				assert.deepEqual(
					{ city: stored.city, expirationDate: stored.expirationDate, phone: stored.phone, department: stored.department, ...seeded },
					{ city: 'Leeds', expirationDate: '2027-06-30', phone: '+44 20 7946 0000', department: 'Maths', ...seeded },
				);
				assert.deepEqual(updated, stored);
			});

			await step('KMI Get Many, Return All, 120 users under a page cap of 50', async () => {
				kmi.reset();
				kmi.state.maxPageSize = 50;
				for (let n = 0; n < 120; n++) {
					kmi.seedUser(KMI_KEY, { externalId: `U-${n}`, email: `u${n}@example.com`, firstName: 'U', lastName: String(n), loginName: `u${n}` });
				}
				const output = await runOk(folder, 'payloadsKmiPaging');
				assert.deepEqual(output.map((user) => user.externalId), Array.from({ length: 120 }, (_, n) => `U-${n}`));
			});
		} finally {
			await cirrus.stop();
			await kmi.stop();
		}
	},
};
