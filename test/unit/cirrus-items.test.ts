import { runCirrus, runCirrusExpectingError, seedUser, TOKEN } from '../helpers/cirrus';
import { useFakeCirrus } from '../helpers/fakeServers';

const fake = useFakeCirrus();

const items = [
	{ id: 'EMP-1', first: 'Ada', dob: '1815-12-10' },
	{ id: 'EMP-2', first: '', dob: '1906-12-09' },
	{ id: 'EMP-3', first: 'Alan', dob: 'not a date' },
	{ id: 'EMP-1', first: 'Ada again', dob: '1815-12-10' },
	{ id: 'EMP-5', first: 'Grace', dob: '19061209' },
];

const createFromItems = {
	operation: 'create',
	externalId: '={{ $json.id }}',
	firstName: '={{ $json.first }}',
	lastName: 'Test',
	additionalFields: { dateOfBirth: '={{ $json.dob }}' },
};

test('Continue On Fail: one output per input, failures as { json: { error } } with error and pairedItem', async () => {
	for (const onError of ['continueRegularOutput', 'continueErrorOutput'] as const) {
		fake.server.reset();
		const output = await runCirrus(fake.server, { parameters: createFromItems, items, onError });

		expect(output).toHaveLength(items.length);
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
		expect(output[0].json.ExternalId).toBe('EMP-1');
		expect(output[4].json.DateOfBirth).toBe('1906-12-09');

		const failures = [1, 2, 3].map((index) => output[index]);
		for (const failed of failures) {
			expect(Object.keys(failed.json)).toEqual(['error']);
			expect(failed.error).toBeDefined();
			expect(failed.error?.message).toBe(failed.json.error);
		}
		expect(failures.map((failed) => failed.json.error)).toEqual([
			'Item 2: First Name is required and cannot be empty',
			'Item 3: Date of Birth must be a date as YYYY-MM-DD (got "not a date")',
			'Item 4: a Cirrus user with External ID "EMP-1" already exists (Cirrus: The given user identifier is not unique (code 102))',
		]);
		expect(JSON.stringify(output)).not.toContain(TOKEN);
		expect([...fake.server.state.users.keys()].sort()).toEqual(['EMP-1', 'EMP-5']);
	}
});

test('without Continue On Fail the first failing item stops the node with its item index', async () => {
	const error = await runCirrusExpectingError(fake.server, { parameters: createFromItems, items });
	expect(error.message).toBe('Item 2: First Name is required and cannot be empty');
	expect((error.context as { itemIndex?: number }).itemIndex).toBe(1);
	expect([...fake.server.state.users.keys()]).toEqual(['EMP-1']);
});

test('an API error thrown for an item carries that item index', async () => {
	seedUser(fake.server, { ExternalId: 'EMP-1', FirstName: 'A', LastName: 'B' });
	const error = await runCirrusExpectingError(fake.server, {
		parameters: { operation: 'get', externalId: '={{ $json.id }}' },
		items: [{ id: 'EMP-1' }, { id: 'missing' }],
	});
	expect(error.message).toBe('Item 2: no Cirrus user has the External ID "missing". Cirrus answered: User has not been found (code 202)');
	expect((error.context as { itemIndex?: number }).itemIndex).toBe(1);
});

test('no input items: no requests, no output', async () => {
	const output = await runCirrus(fake.server, { parameters: { operation: 'get', externalId: 'x' }, items: [] });
	expect(output).toEqual([]);
	expect(fake.server.state.requests).toHaveLength(0);
});
