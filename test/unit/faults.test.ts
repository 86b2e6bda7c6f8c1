// 200-item runs of every write under seeded faults from test/fake-http/loopback.js (refused, carried out
// and then answered 502/504, cut, slow past the timeout, reset before processing), on both n8n lines.
// Every item's reported outcome is checked against the fake's own state: no false success, no false
// failure, nothing created twice, order and pairing kept. The same runs in real n8n: test/e2e/suites/faults.js.
import type { INodeExecutionData } from 'n8n-workflow';

import { runCirrus, seedUser, TOKEN } from '../helpers/cirrus';
import { useFakeCirrus, useFakeKmi } from '../helpers/fakeServers';
import { KEY, runKmi, SECRET } from '../helpers/kmi';

const ITEM_COUNT = 200;
const ids = Array.from({ length: ITEM_COUNT }, (_, index) => `F-${index}`);
const items = ids.map((id, index) => ({ id, first: `First ${index}`, newId: `R-${index}` }));

const FAULTS = {
	rate: 0.15,
	types: [
		'429',
		'502',
		'503',
		'504',
		'processThen502',
		'processThen504',
		'processThenCut',
		'slowProcessing',
		'resetBeforeProcessing',
	],
	retryAfter: '0',
	// Past the 1 s Request Timeout below, and within the settle reads that follow it.
	delayMs: 1300,
	seed: 20261125,
};
const OPTIONS = { maxConcurrentRequests: 10, requestTimeout: 1, retries: 10 };

/** Every input has exactly one output, in order, paired with it; returns which succeeded. */
function outcomes(output: INodeExecutionData[], secrets: string[]): boolean[] {
	expect(output).toHaveLength(ITEM_COUNT);
	for (const secret of secrets) expect(JSON.stringify(output)).not.toContain(secret);
	return output.map((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		if (item.error) expect(Object.keys(item.json)).toEqual(['error']);
		return !item.error;
	});
}

describe('Cirrus', () => {
	const fake = useFakeCirrus();
	const run = (parameters: object) =>
		runCirrus(fake.server, { parameters: { ...parameters, options: OPTIONS }, items, onError: 'continueErrorOutput' });

	test('Create: every user created exactly once, every item a success', async () => {
		fake.server.setRandomFaults(FAULTS);
		const output = await run({ operation: 'create', externalId: '={{ $json.id }}', firstName: '={{ $json.first }}', lastName: 'Sync' });
		await fake.server.whenIdle();

		expect(outcomes(output, [TOKEN])).toEqual(ids.map(() => true));
		output.forEach((item, index) => expect(item.json.FirstName).toBe(`First ${index}`));
		expect(fake.server.state.faultsServed).toBeGreaterThan(30);
		expect([...fake.server.state.createdById.values()]).toEqual(ids.map(() => 1));
		expect(fake.server.state.users.size).toBe(ITEM_COUNT);
	});

	test('Create or Update, half existing, some created by another run meanwhile: the right result for each', async () => {
		for (const id of ids.slice(0, ITEM_COUNT / 2)) seedUser(fake.server, { ExternalId: id, FirstName: 'Old', LastName: 'Sync' });
		// The first five creates find that another run created the user just before.
		fake.server.state.faults.push({ method: 'POST', type: 'raceCreate', times: 5 });
		fake.server.setRandomFaults(FAULTS);
		const output = await run({ operation: 'upsert', externalId: '={{ $json.id }}', firstName: '={{ $json.first }}', lastName: 'Sync' });
		await fake.server.whenIdle();

		expect(outcomes(output, [TOKEN])).toEqual(ids.map(() => true));
		const { racedIds, createdById, users } = fake.server.state;
		expect(racedIds.size).toBe(5);
		output.forEach((item, index) => {
			const existed = index < ITEM_COUNT / 2 || racedIds.has(ids[index]);
			expect([ids[index], item.json._operation]).toEqual([ids[index], existed ? 'updated' : 'created']);
			expect(users.get(ids[index])?.FirstName).toBe(`First ${index}`);
		});
		for (const id of ids.slice(0, ITEM_COUNT / 2)) expect(createdById.has(id)).toBe(false);
		for (const count of createdById.values()) expect(count).toBe(1);
	});

	test('Update with rename: every user renamed once, every item a success', async () => {
		for (const id of ids) seedUser(fake.server, { ExternalId: id, FirstName: 'Old', LastName: 'Sync' });
		fake.server.setRandomFaults(FAULTS);
		const output = await run({
			operation: 'update',
			externalId: '={{ $json.id }}',
			updateFields: { newExternalId: '={{ $json.newId }}', city: '={{ $json.first }}' },
		});
		await fake.server.whenIdle();

		expect(outcomes(output, [TOKEN])).toEqual(ids.map(() => true));
		output.forEach((item, index) => expect([item.json.ExternalId, item.json.City]).toEqual([`R-${index}`, `First ${index}`]));
		expect(fake.server.state.renames).toHaveLength(ITEM_COUNT);
		expect([...fake.server.state.users.keys()].sort()).toEqual(items.map((item) => item.newId).sort());
	});

	test('Delete: every user deleted, every item reported deleted', async () => {
		for (const id of ids) seedUser(fake.server, { ExternalId: id, FirstName: 'Old', LastName: 'Sync' });
		fake.server.setRandomFaults(FAULTS);
		const output = await run({ operation: 'delete', externalId: '={{ $json.id }}' });

		expect(outcomes(output, [TOKEN])).toEqual(ids.map(() => true));
		output.forEach((item, index) => expect(item.json).toEqual({ deleted: true, externalId: ids[index] }));
		expect(fake.server.state.users.size).toBe(0);
		expect(fake.server.state.trash.size).toBe(ITEM_COUNT);
	});
});

describe('KMI Learning', () => {
	const fake = useFakeKmi();
	const userFields = { email: '={{ $json.id.toLowerCase() }}@example.com', firstName: '={{ $json.first }}', lastName: 'Sync', loginName: '={{ $json.id }}' };

	test('Create: a success means one user, a failure means none and says the outcome is unknown', async () => {
		fake.server.setRandomFaults(FAULTS);
		const output = await runKmi(fake.server, {
			parameters: { operation: 'create', externalId: '={{ $json.id }}', ...userFields, options: OPTIONS },
			items,
			onError: 'continueErrorOutput',
		});
		await fake.server.whenIdle();

		const succeeded = outcomes(output, [KEY, SECRET]);
		const users = fake.server.users(KEY);
		const count = (id: string) => users.filter((user) => user.externalId === id).length;
		output.forEach((item, index) => {
			if (succeeded[index]) {
				expect([ids[index], count(ids[index]), item.json.firstName]).toEqual([ids[index], 1, `First ${index}`]);
			} else {
				expect([ids[index], count(ids[index])]).toEqual([ids[index], 0]);
				expect(item.json.error).toMatch(new RegExp(`^Item ${index + 1}: the outcome of creating user "${ids[index]}" at KMI Learning is unknown`));
			}
		});
		expect(succeeded.filter(Boolean).length).toBeGreaterThan(ITEM_COUNT * 0.8);
		expect(fake.server.faultsServed().total).toBeGreaterThan(30);
		for (const created of fake.server.state.createdById.values()) expect(created).toBe(1);
	});

	test('Create or Update then Delete: each result true to the LMS', async () => {
		for (const id of ids.slice(0, ITEM_COUNT / 2)) {
			fake.server.seedUser(KEY, { externalId: id, email: 'old@example.com', firstName: 'Old', lastName: 'Sync', loginName: id });
		}
		fake.server.setRandomFaults(FAULTS);
		const upserted = await runKmi(fake.server, {
			parameters: { operation: 'upsert', externalId: '={{ $json.id }}', ...userFields, options: OPTIONS },
			items,
			onError: 'continueErrorOutput',
		});
		await fake.server.whenIdle();
		expect(fake.server.faultsServed().total).toBeGreaterThan(30);
		const succeeded = outcomes(upserted, [KEY, SECRET]);
		const live = () => fake.server.users(KEY);
		upserted.forEach((item, index) => {
			const users = live().filter((user) => user.externalId === ids[index]);
			if (index < ITEM_COUNT / 2) {
				expect([ids[index], succeeded[index], item.json._operation, users[0].firstName]).toEqual([ids[index], true, 'updated', `First ${index}`]);
			} else if (succeeded[index]) {
				expect([ids[index], item.json._operation, users.length]).toEqual([ids[index], 'created', 1]);
			} else {
				expect([ids[index], users.length]).toEqual([ids[index], 0]);
			}
		});

		// Delete what exists: a DELETE repeated after a 5xx that finds nothing counts as deleted, by design.
		const existing = items.filter((_, index) => succeeded[index]);
		const deleted = await runKmi(fake.server, {
			parameters: { operation: 'delete', externalId: '={{ $json.id }}', options: OPTIONS },
			items: existing,
			onError: 'continueErrorOutput',
		});
		expect(deleted.map((item) => item.json)).toEqual(existing.map((item) => ({ deleted: true, externalId: item.id })));
		expect(live()).toHaveLength(0);
	});
});
