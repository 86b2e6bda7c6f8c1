import { KmiLearningApi } from '../../packages/n8n-nodes-kmi-learning/credentials/KmiLearningApi.credentials';
import { runCredentialTest } from '../helpers/credentialTest';
import { KEY, SECRET } from '../helpers/kmi';
import { useFakeKmi } from '../helpers/fakeServers';

const fake = useFakeKmi();

const credential = new KmiLearningApi();

test('a valid key and secret pass: GET /api/v2/users/?limit=1 with both headers', async () => {
	const result = await runCredentialTest(credential, { baseUrl: `${fake.server.baseUrl}/`, apiKey: KEY, apiSecret: SECRET });
	expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	const [probe] = fake.server.state.requests;
	expect(probe.method).toBe('GET');
	expect(probe.path).toBe('/api/v2/users/');
	expect(probe.query).toEqual({ limit: '1' });
	expect(probe.headers['x-api-key']).toBe(KEY);
	expect(probe.headers['x-api-secret']).toBe(SECRET);
});

test('a wrong secret fails with a clear message that contains neither key nor secret', async () => {
	const wrongSecret = 'WRONG-secret-55443322';
	const result = await runCredentialTest(credential, { baseUrl: fake.server.baseUrl, apiKey: KEY, apiSecret: wrongSecret });
	expect(result).toEqual({
		status: 'Error',
		message:
			'KMI Learning refused the API key or secret. Check both, that the key has not expired (its date is set in the LMS), and that it may list users.',
	});
});

test('an LMS with users passes too: only the first character of the list is read', async () => {
	fake.server.seedUser(KEY, { externalId: 'X-1', email: 'x@example.com', firstName: 'X', lastName: 'Y', loginName: 'xy' });
	const result = await runCredentialTest(credential, { baseUrl: fake.server.baseUrl, apiKey: KEY, apiSecret: SECRET });
	expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
});

test('a base URL that already ends in /api/v2 is taken as it is, as in the node', async () => {
	const result = await runCredentialTest(credential, { baseUrl: `${fake.server.baseUrl}/api/v2/`, apiKey: KEY, apiSecret: SECRET });
	expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(fake.server.state.requests[0].path).toBe('/api/v2/users/');
});

test('a base URL that is not the LMS host fails with a hint', async () => {
	const result = await runCredentialTest(credential, { baseUrl: `${fake.server.baseUrl}/lms`, apiKey: KEY, apiSecret: SECRET });
	expect(result.status).toBe('Error');
	expect(result.message).toContain('No KMI Learning API at this Base URL');
});

test.each([['ftp://lms.example.com'], ['ws://lms.example.com']])(
	'a base URL that is not http(s) (%s) fails before any connection',
	async (baseUrl) => {
		const result = await runCredentialTest(credential, { baseUrl, apiKey: KEY, apiSecret: SECRET });
		expect(result).toEqual({ status: 'Error', message: 'Invalid URL' });
		expect(fake.server.state.requests).toHaveLength(0);
	},
);

test('key and secret are password fields', () => {
	for (const name of ['apiKey', 'apiSecret']) {
		const property = credential.properties.find((entry) => entry.name === name);
		expect(property?.typeOptions?.password).toBe(true);
	}
});
