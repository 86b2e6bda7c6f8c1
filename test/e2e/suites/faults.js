'use strict';
// Issue 9 in real n8n: 200-item runs at Max Concurrent Requests 8 of Create, Create or Update, Update
// (with rename on Cirrus) and Delete, on both nodes, against fake APIs that refuse, carry requests out
// and then answer 502/504, cut connections, process slower than the node's timeout, and reset before
// processing (test/fake-http/loopback.js). Every item's reported outcome is checked against the fakes'
// own state: no false success, no false failure, nothing created twice; order and pairing kept; failures
// only on the error output. The same runs in-process on both n8n-core lines: test/unit/faults.test.ts.
const assert = require('assert/strict');

const { startFakeCirrus } = require('../../fake-cirrus/server');
const { startFakeKmi } = require('../../fake-kmi/server');
const { outputOf } = require('../lib/n8n');
const { nodeTypes } = require('../lib/packages');
const { itemsThroughNode } = require('../lib/workflows');

const COUNT = 200;
const TOKEN = 'e2e-faults-token-8d7c6b5a';
const KMI_KEY = 'e2e0fa17-2222-4333-8444-955566667777';
const KMI_SECRET = 'e2e-faults-secret-1b2c3d';
const FAULTS = {
	rate: 0.15,
	types: ['429', '502', '503', '504', 'processThen502', 'processThen504', 'processThenCut', 'slowProcessing', 'resetBeforeProcessing'],
	retryAfter: '0',
	// Past the 1 s Request Timeout of the runs, and within the settle reads that follow it.
	delayMs: 1300,
};
const OPTIONS = { maxConcurrentRequests: 8, requestTimeout: 1, retries: 6 };

function faultWorkflow(id, { type, credential, parameters, items }) {
	return itemsThroughNode(id, { type, credentials: credential, parameters: { ...parameters, options: { ...OPTIONS, ...parameters.options } }, items });
}

/**
 * Runs a workflow and returns, per input item, its success json or its error message. Checks that each
 * input has exactly one output, that both outputs keep input order and pairing, and that failed items
 * reach the error output only, holding nothing but the error.
 */
async function runAndRead(folder, id, secrets, count = COUNT) {
	const result = await folder.execute(id, { timeoutMs: 600_000 });
	assert.equal(result.code, 0, `${id} failed:\n${result.output.slice(-4000)}`);
	for (const secret of secrets) assert.ok(!result.output.includes(secret), `${id}: a secret appears in the output`);
	const succeeded = outputOf(result.run, 'Under Test', 0);
	const failed = outputOf(result.run, 'Under Test', 1);
	const outcomes = new Array(count);
	for (const [items, ok] of [[succeeded, true], [failed, false]]) {
		const indexes = items.map((item) => item.pairedItem.item);
		assert.deepEqual(indexes, [...indexes].sort((a, b) => a - b), `${id}: ${ok ? 'success' : 'error'} output is out of input order`);
		for (const item of items) {
			const index = item.pairedItem.item;
			assert.equal(outcomes[index], undefined, `${id}: item ${index} has two outputs`);
			if (ok) assert.equal(item.json.error, undefined, `${id}: a failed item ${index} on the success output: ${item.json.error}`);
			else assert.deepEqual(Object.keys(item.json), ['error'], `${id}: error item ${index} holds more than the error`);
			outcomes[index] = ok ? { ok, json: item.json } : { ok, error: item.json.error };
		}
	}
	assert.equal(outcomes.filter(Boolean).length, count, `${id}: not every input has an output`);
	return outcomes;
}

function expectAllSucceeded(id, outcomes) {
	const failures = outcomes.flatMap((outcome, index) => (outcome.ok ? [] : [`${index}: ${outcome.error}`]));
	assert.deepEqual(failures, [], `${id}: items failed although the API carried them out or could be asked again`);
}

module.exports = {
	name: 'faults',
	lines: ['1', '2'],
	async run({ folder, step }) {
		const types = nodeTypes();
		const cirrus = await startFakeCirrus({ token: TOKEN });
		const kmi = await startFakeKmi({ keys: { [KMI_KEY]: KMI_SECRET } });
		const cirrusCredential = { cirrusAssessmentApi: { id: 'faultsCirrusCred', name: 'Cirrus (faults)' } };
		const kmiCredential = { kmiLearningApi: { id: 'faultsKmiCred', name: 'KMI (faults)' } };
		const ids = Array.from({ length: COUNT }, (_, index) => `F-${index}`);
		const items = ids.map((id, index) => ({ id, first: `First ${index}`, newId: `R-${index}`, city: `City ${index}` }));
		const cirrusFlow = (id, parameters, flowItems = items) =>
			faultWorkflow(id, { type: types.cirrusAssessment, credential: cirrusCredential, parameters, items: flowItems });
		const kmiFlow = (id, parameters) => faultWorkflow(id, { type: types.kmiLearning, credential: kmiCredential, parameters, items });
		const kmiUser = {
			externalId: '={{ $json.id }}',
			email: '={{ $json.id.toLowerCase() }}@example.com',
			firstName: '={{ $json.first }}',
			lastName: 'Sync',
			loginName: '={{ $json.id }}',
		};
		// Same external IDs several times in one run: 10 IDs, 4 items each, interleaved.
		const orderItems = [0, 1, 2, 3].flatMap((round) => Array.from({ length: 10 }, (_, n) => ({ id: `O-${n}`, city: `Round ${round}` })));
		// Create or Update over F-100…F-299: half of them exist after Create, half are new.
		const upsertItems = Array.from({ length: COUNT }, (_, index) => ({ id: `F-${index + 100}`, first: `Upserted ${index + 100}` }));
		try {
			await step('import credentials and workflows', async () => {
				await folder.importCredentials([
					{ id: 'faultsCirrusCred', name: 'Cirrus (faults)', type: 'cirrusAssessmentApi', data: { token: TOKEN, environment: 'custom', baseUrl: cirrus.baseUrl } },
					{ id: 'faultsKmiCred', name: 'KMI (faults)', type: 'kmiLearningApi', data: { baseUrl: kmi.baseUrl, apiKey: KMI_KEY, apiSecret: KMI_SECRET } },
				]);
				await folder.importWorkflows([
					cirrusFlow('faultsCirrusCreate', { operation: 'create', externalId: '={{ $json.id }}', firstName: '={{ $json.first }}', lastName: 'Sync' }),
					cirrusFlow('faultsCirrusUpsert', { operation: 'upsert', externalId: '={{ $json.id }}', firstName: '={{ $json.first }}', lastName: 'Sync' }, upsertItems),
					cirrusFlow('faultsCirrusRename', {
						operation: 'update',
						externalId: '={{ $json.id }}',
						updateFields: { newExternalId: '={{ $json.newId }}', city: '={{ $json.city }}' },
					}),
					cirrusFlow('faultsCirrusDelete', { operation: 'delete', externalId: '={{ $json.newId }}' }),
					kmiFlow('faultsKmiCreate', { operation: 'create', ...kmiUser }),
					kmiFlow('faultsKmiUpsert', { operation: 'upsert', ...kmiUser, firstName: '=Upserted {{ $json.first }}' }),
					kmiFlow('faultsKmiUpdate', { operation: 'update', externalId: '={{ $json.id }}', updateFields: { city: '={{ $json.city }}' } }),
					kmiFlow('faultsKmiDelete', { operation: 'delete', externalId: '={{ $json.id }}' }),
					faultWorkflow('faultsCirrusOrder', {
						type: types.cirrusAssessment,
						credential: cirrusCredential,
						items: orderItems,
						parameters: { operation: 'update', externalId: '={{ $json.id }}', updateFields: { city: '={{ $json.city }}' }, options: { readBack: false } },
					}),
					faultWorkflow('faultsKmiOrder', {
						type: types.kmiLearning,
						credential: kmiCredential,
						items: orderItems,
						parameters: { operation: 'update', externalId: '={{ $json.id }}', updateFields: { city: '={{ $json.city }}' } },
					}),
				]);
			});

			cirrus.setRandomFaults({ ...FAULTS, seed: 9001 });
			await step('Cirrus Create, 200 items', async () => {
				const outcomes = await runAndRead(folder, 'faultsCirrusCreate', [TOKEN]);
				await cirrus.whenIdle();
				expectAllSucceeded('Cirrus Create', outcomes);
				outcomes.forEach((outcome, index) => assert.equal(outcome.json.FirstName, `First ${index}`));
				assert.deepEqual(cirrus.snapshot().createdById, Object.fromEntries(ids.map((id) => [id, 1])), 'each user created exactly once');
				assert.ok(cirrus.state.faultsServed > 30, `only ${cirrus.state.faultsServed} faults were served`);
			});

			cirrus.state.faults.push({ method: 'POST', type: 'raceCreate', times: 5 });
			await step('Cirrus Create or Update, 100 existing, 100 new (5 created meanwhile by another run)', async () => {
				const outcomes = await runAndRead(folder, 'faultsCirrusUpsert', [TOKEN]);
				await cirrus.whenIdle();
				expectAllSucceeded('Cirrus Create or Update', outcomes);
				const { racedIds, createdById, users } = cirrus.state;
				assert.equal(racedIds.size, 5);
				outcomes.forEach((outcome, index) => {
					const id = upsertItems[index].id;
					const existed = index < COUNT / 2 || racedIds.has(id);
					assert.equal(outcome.json._operation, existed ? 'updated' : 'created', `${id}: _operation`);
					assert.equal(users.get(id)?.FirstName, upsertItems[index].first, `${id}: stored first name`);
				});
				for (const [id, count] of createdById) assert.equal(count, 1, `${id} created ${count} times`);
			});

			await step('Cirrus Update with rename, 200 items', async () => {
				const renamesBefore = cirrus.state.renames.length;
				const outcomes = await runAndRead(folder, 'faultsCirrusRename', [TOKEN]);
				await cirrus.whenIdle();
				expectAllSucceeded('Cirrus Update with rename', outcomes);
				outcomes.forEach((outcome, index) => assert.deepEqual([outcome.json.ExternalId, outcome.json.City], [`R-${index}`, `City ${index}`]));
				assert.equal(cirrus.state.renames.length - renamesBefore, COUNT, 'each user renamed once');
				for (const id of ids) assert.ok(!cirrus.state.users.has(id), `${id} still exists under its old ID`);
			});

			await step('Cirrus Delete, 200 items', async () => {
				const outcomes = await runAndRead(folder, 'faultsCirrusDelete', [TOKEN]);
				expectAllSucceeded('Cirrus Delete', outcomes);
				outcomes.forEach((outcome, index) => assert.deepEqual(outcome.json, { deleted: true, externalId: `R-${index}` }));
				for (const { newId } of items) assert.ok(cirrus.state.trash.has(newId) && !cirrus.state.users.has(newId), `${newId} not deleted`);
			});

			kmi.setRandomFaults({ ...FAULTS, seed: 9002 });
			const live = () => kmi.users(KMI_KEY);
			const count = (id) => live().filter((user) => user.externalId === id).length;
			let created;
			await step('KMI Create, 200 items: a success is one user, a failure none and says so', async () => {
				const outcomes = await runAndRead(folder, 'faultsKmiCreate', [KMI_KEY, KMI_SECRET]);
				await kmi.whenIdle();
				outcomes.forEach((outcome, index) => {
					const id = ids[index];
					if (outcome.ok) {
						assert.deepEqual([id, count(id), outcome.json.firstName], [id, 1, `First ${index}`]);
					} else {
						assert.equal(count(id), 0, `${id}: reported failed but exists`);
						assert.match(outcome.error, new RegExp(`^Item ${index + 1}: the outcome of creating user "${id}" at KMI Learning is unknown`));
					}
				});
				created = outcomes.map((outcome) => outcome.ok);
				const served = kmi.faultsServed().total;
				assert.ok(served > 30, `only ${served} faults were served to the KMI runs`);
				assert.ok(created.filter(Boolean).length > COUNT * 0.8, `only ${created.filter(Boolean).length} creates succeeded`);
				for (const [id, times] of kmi.state.createdById) assert.equal(times, 1, `${id} created ${times} times`);
			});

			await step('KMI Create or Update, 200 items: the failed creates are made now, the others updated', async () => {
				const outcomes = await runAndRead(folder, 'faultsKmiUpsert', [KMI_KEY, KMI_SECRET]);
				await kmi.whenIdle();
				outcomes.forEach((outcome, index) => {
					const id = ids[index];
					if (outcome.ok) {
						assert.equal(outcome.json._operation, created[index] ? 'updated' : 'created', `${id}: _operation`);
						assert.deepEqual([id, count(id), live().find((user) => user.externalId === id).firstName], [id, 1, `Upserted First ${index}`]);
					} else {
						assert.ok(!created[index], `${id}: an update failed: ${outcome.error}`);
						assert.equal(count(id), 0, `${id}: reported failed but exists`);
					}
				});
				for (const [id, times] of kmi.state.createdById) assert.equal(times, 1, `${id} created ${times} times`);
				created = outcomes.map((outcome, index) => created[index] || outcome.ok);
			});

			await step('KMI Update, 200 items', async () => {
				const outcomes = await runAndRead(folder, 'faultsKmiUpdate', [KMI_KEY, KMI_SECRET]);
				outcomes.forEach((outcome, index) => {
					const id = ids[index];
					if (created[index]) {
						assert.ok(outcome.ok, `${id}: update failed: ${outcome.error}`);
						assert.equal(live().find((user) => user.externalId === id).city, `City ${index}`);
					} else {
						assert.match(outcome.error, /Not found/, `${id}: a missing user's update`);
					}
				});
			});

			await step('KMI Delete, 200 items', async () => {
				const outcomes = await runAndRead(folder, 'faultsKmiDelete', [KMI_KEY, KMI_SECRET]);
				outcomes.forEach((outcome, index) => {
					if (created[index]) assert.deepEqual(outcome.json, { deleted: true, externalId: ids[index] });
					else assert.ok(!outcome.ok || outcome.json.deleted === true, `${ids[index]}: ${JSON.stringify(outcome)}`);
				});
				assert.deepEqual(live(), [], 'every user deleted');
			});
			// Per-ID order: the first write of each ID is slow (within the timeout); without the order, the
			// later items' writes land first and the oldest value wins.
			const slowFirstWrite = (server, method, path) => {
				server.setRandomFaults(undefined);
				for (let n = 0; n < 10; n++) server.state.faults.push({ method, pathIncludes: path(`O-${n}`), type: 'slowProcessing', delayMs: 400 });
			};
			await step('Cirrus Update, 40 items over 10 IDs: each ID written in input order', async () => {
				cirrus.reset();
				for (let n = 0; n < 10; n++) cirrus.state.users.set(`O-${n}`, { ExternalId: `O-${n}`, FirstName: 'O', LastName: 'Order' });
				slowFirstWrite(cirrus, 'PATCH', (id) => `/user/${id}`);
				const outcomes = await runAndRead(folder, 'faultsCirrusOrder', [TOKEN], orderItems.length);
				expectAllSucceeded('Cirrus order', outcomes);
				for (let n = 0; n < 10; n++) assert.equal(cirrus.state.users.get(`O-${n}`).City, 'Round 3', `O-${n}: the last item's value must win`);
			});
			await step('KMI Update, 40 items over 10 IDs: each ID written in input order', async () => {
				kmi.reset();
				for (let n = 0; n < 10; n++) {
					kmi.seedUser(KMI_KEY, { externalId: `O-${n}`, email: `o${n}@example.com`, firstName: 'O', lastName: 'Order', loginName: `o${n}` });
				}
				slowFirstWrite(kmi, 'PUT', (id) => `/external_id/${id}/`);
				const outcomes = await runAndRead(folder, 'faultsKmiOrder', [KMI_KEY, KMI_SECRET], orderItems.length);
				expectAllSucceeded('KMI order', outcomes);
				for (const user of live()) assert.equal(user.city, 'Round 3', `${user.externalId}: the last item's value must win`);
			});
		} finally {
			await cirrus.stop();
			await kmi.stop();
		}
	},
};
