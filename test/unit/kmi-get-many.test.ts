import type { FakeKmi } from '../helpers/kmi';
import { KEY, OTHER_KEY, runKmi, runKmiExpectingError } from '../helpers/kmi';
import { useFakeKmi } from '../helpers/fakeServers';

const fake = useFakeKmi();

function seedLearners(server: FakeKmi, count: number, apiKey = KEY): void {
	for (let n = 1; n <= count; n++) {
		server.seedUser(apiKey, {
			externalId: `L-${n}`,
			email: `l${n}@example.com`,
			firstName: 'Learner',
			lastName: String(n),
			loginName: `l${n}`,
		});
	}
}

const pageRequests = () => fake.server.state.requests.map((request) => request.query);

describe('paging', () => {
	test('Return All pages with offset/limit until a page comes back empty, keeping order', async () => {
		seedLearners(fake.server, 250);
		seedLearners(fake.server, 7, OTHER_KEY);
		const output = await runKmi(fake.server, {
			parameters: { operation: 'getMany', returnAll: true, options: { pageSize: 100 } },
		});

		expect(output).toHaveLength(250);
		expect(output.map((item) => item.json.externalId)).toEqual(Array.from({ length: 250 }, (_, n) => `L-${n + 1}`));
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(pageRequests()).toEqual([
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '100' },
			{ offset: '200', limit: '100' },
			{ offset: '250', limit: '100' },
		]);
		expect(fake.server.state.requests.every((request) => request.path === '/api/v2/users/')).toBe(true);
	});

	test('a full last page is followed by one more request, which comes back empty', async () => {
		seedLearners(fake.server, 200);
		const output = await runKmi(fake.server, {
			parameters: { operation: 'getMany', returnAll: true, options: { pageSize: 100 } },
		});
		expect(output).toHaveLength(200);
		expect(pageRequests().map((query) => query.offset)).toEqual(['0', '100', '200']);
	});

	test('Limit stops at the limit, asking the last page only for what is missing', async () => {
		seedLearners(fake.server, 250);
		const output = await runKmi(fake.server, {
			parameters: { operation: 'getMany', returnAll: false, limit: 130, options: { pageSize: 50 } },
		});
		expect(output).toHaveLength(130);
		expect(output[129].json.externalId).toBe('L-130');
		expect(pageRequests()).toEqual([
			{ offset: '0', limit: '50' },
			{ offset: '50', limit: '50' },
			{ offset: '100', limit: '30' },
		]);
	});

	test('the default is the first 50 users in one request of 50', async () => {
		seedLearners(fake.server, 120);
		const output = await runKmi(fake.server, { parameters: { operation: 'getMany' } });
		expect(output).toHaveLength(50);
		expect(pageRequests()).toEqual([{ offset: '0', limit: '50' }]);
	});

	test('an LMS that ignores the offset stops the paging with an error instead of looping', async () => {
		seedLearners(fake.server, 5);
		fake.server.state.faults.push({
			method: 'GET',
			type: 'answer',
			status: 200,
			times: 2,
			body: [{ id: 1, externalId: 'L-1' }, { id: 2, externalId: 'L-2' }],
		});
		const error = await runKmiExpectingError(fake.server, {
			parameters: { operation: 'getMany', returnAll: true, options: { pageSize: 2 } },
		});
		expect(error.message).toBe('KMI Learning returned the same page again for offset 2; stopped paging');
		expect(fake.server.state.requests).toHaveLength(2);
	});

	test('one list per input item, each paired with its item', async () => {
		seedLearners(fake.server, 3);
		const output = await runKmi(fake.server, {
			parameters: { operation: 'getMany', returnAll: true },
			items: [{}, {}],
		});
		expect(output.map((item) => item.pairedItem)).toEqual([0, 0, 0, 1, 1, 1].map((item) => ({ item })));
	});
});

describe('filters', () => {
	test('Updated After is sent as ISO 8601 UTC and narrows the list', async () => {
		seedLearners(fake.server, 3);
		await runKmi(fake.server, {
			parameters: { operation: 'update', externalId: 'L-2', updateFields: { city: 'Paris' } },
		});
		fake.server.state.requests.length = 0;

		const output = await runKmi(fake.server, {
			parameters: { operation: 'getMany', returnAll: true, filters: { updatedAfter: '2026-11-01T01:00:03+01:00' } },
		});
		expect(pageRequests()).toEqual([
			{ offset: '0', limit: '100', updatedAfter: '2026-11-01T00:00:03Z' },
			{ offset: '1', limit: '100', updatedAfter: '2026-11-01T00:00:03Z' },
		]);
		expect(output.map((item) => item.json.externalId)).toEqual(['L-2']);
	});

	test('an expression giving a date-time (as {{ $now.minus(...) }} does) is accepted', async () => {
		await runKmi(fake.server, {
			parameters: {
				operation: 'getMany',
				filters: { createdAfter: "={{ DateTime.fromISO('2026-11-20T08:30:00', { zone: 'America/New_York' }) }}" },
			},
		});
		expect(pageRequests()[0].createdAfter).toBe('2026-11-20T13:30:00Z');
	});

	test('a date without a time zone (the date picker) is read as UTC', async () => {
		await runKmi(fake.server, { parameters: { operation: 'getMany', filters: { createdAfter: '2026-11-20T08:30:00' } } });
		expect(pageRequests()[0].createdAfter).toBe('2026-11-20T08:30:00Z');
	});

	test('Group ID is passed on and narrows the list', async () => {
		fake.server.seedUser(KEY, { externalId: 'A', email: 'a@x.io', firstName: 'A', lastName: 'A', loginName: 'a' }, { groupIds: ['17'] });
		seedLearners(fake.server, 2);
		const output = await runKmi(fake.server, { parameters: { operation: 'getMany', filters: { groupId: '17' } } });
		expect(output.map((item) => item.json.externalId)).toEqual(['A']);
		expect(pageRequests()[0].groupId).toBe('17');
	});

	test('a date that cannot be read is refused before any request', async () => {
		const error = await runKmiExpectingError(fake.server, {
			parameters: { operation: 'getMany', filters: { updatedAfter: 'yesterday' } },
		});
		expect(error.message).toBe(
			'Item 1: Updated After must be a date and time such as 2026-11-22T00:00:00Z (got "yesterday")',
		);
		expect(fake.server.state.requests).toHaveLength(0);
	});
});
