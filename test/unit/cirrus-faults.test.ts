import type { INodeExecutionData } from 'n8n-workflow';

import { runCirrus, TOKEN } from '../helpers/cirrus';
import { useFakeCirrus } from '../helpers/fakeServers';

const fake = useFakeCirrus();

const ITEM_COUNT = 500;
const ids = Array.from({ length: ITEM_COUNT }, (_, index) => `F-${index}`);
const items = ids.map((id, index) => ({ id, first: `First ${index}` }));

const FAULTS = {
	rate: 0.15,
	types: ['429', '503', '502', 'drop', 'dropAfterProcessing', 'slow'],
	retryAfter: '0',
	delayMs: 30,
	seed: 20261123,
};

/** A sync of all items at concurrency 10, failed items to the error output. */
async function syncAllUsers(operation: 'create' | 'upsert'): Promise<INodeExecutionData[]> {
	return await runCirrus(fake.server, {
		parameters: {
			operation,
			externalId: '={{ $json.id }}',
			firstName: '={{ $json.first }}',
			lastName: 'Sync',
			options: { maxConcurrentRequests: 10 },
		},
		items,
		onError: 'continueErrorOutput',
	});
}

/** Every input has exactly one output, in order, paired with it, and is a success or an error item. */
function expectCompleteAndOrdered(output: INodeExecutionData[]): { succeeded: number[]; failed: number[] } {
	expect(output).toHaveLength(ITEM_COUNT);
	const succeeded: number[] = [];
	const failed: number[] = [];
	output.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		if (item.error) {
			expect(Object.keys(item.json)).toEqual(['error']);
			failed.push(index);
		} else {
			expect(item.json.ExternalId).toBe(ids[index]);
			succeeded.push(index);
		}
	});
	expect(JSON.stringify(output)).not.toContain(TOKEN);
	return { succeeded, failed };
}

function expectNoUserPostedTwice(): void {
	const counts = [...fake.server.state.postsById.values()];
	expect(counts.length).toBeGreaterThan(0);
	expect(Math.max(...counts)).toBe(1);
}

test('500 creates under injected 429/502/503, dropped connections and slow answers: nothing lost, nothing duplicated', async () => {
	fake.server.setRandomFaults(FAULTS);
	const output = await syncAllUsers('create');

	const { succeeded } = expectCompleteAndOrdered(output);
	expect(fake.server.state.faultsServed).toBeGreaterThan(50);
	expect(succeeded.length).toBeGreaterThanOrEqual(ITEM_COUNT - 5);
	for (const index of succeeded) expect(fake.server.state.users.get(ids[index])?.FirstName).toBe(`First ${index}`);
	expectNoUserPostedTwice();
});

test('500 upserts, half of them existing, under faults and create races: each item created or updated once', async () => {
	for (const id of ids.slice(0, ITEM_COUNT / 2)) fake.server.state.users.set(id, { ExternalId: id, FirstName: 'Old', LastName: 'Sync' });
	fake.server.setRandomFaults({ ...FAULTS, types: [...FAULTS.types, 'raceCreate'] });
	const output = await syncAllUsers('upsert');

	const { succeeded } = expectCompleteAndOrdered(output);
	expect(succeeded.length).toBeGreaterThanOrEqual(ITEM_COUNT - 5);
	for (const index of succeeded) {
		expect(output[index].json._operation).toEqual(index < ITEM_COUNT / 2 ? 'updated' : expect.stringMatching(/^(created|updated)$/));
		expect(fake.server.state.users.get(ids[index])?.FirstName).toBe(`First ${index}`);
	}
	for (const id of ids.slice(0, ITEM_COUNT / 2)) expect(fake.server.state.postsById.has(id)).toBe(false);
	expectNoUserPostedTwice();
});
