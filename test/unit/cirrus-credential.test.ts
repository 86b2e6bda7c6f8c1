import { CirrusAssessmentApi } from '../../credentials/CirrusAssessmentApi.credentials';
import { TOKEN } from '../helpers/cirrus';
import { useFakeCirrus } from '../helpers/fakeServers';
import { runCredentialTest } from '../helpers/credentialTest';

const fake = useFakeCirrus();

const credential = new CirrusAssessmentApi();

test('a valid token passes: "user not found" (HTTP 400, code 202) for the probe ID proves it works', async () => {
	const result = await runCredentialTest(credential, { token: TOKEN, environment: 'custom', baseUrl: `${fake.server.baseUrl}/` });
	expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	const [probe] = fake.server.state.requests;
	expect(probe.method).toBe('GET');
	expect(probe.path).toBe('/api/v1/integrations/user/n8n-credential-test-probe');
	expect(probe.headers.authorization).toBe(`EAPI ${TOKEN}`);
});

test('a wrong token fails with a clear message that does not contain the token', async () => {
	const wrongToken = 'WRONG-token-99887766';
	const result = await runCredentialTest(credential, { token: wrongToken, environment: 'custom', baseUrl: fake.server.baseUrl });
	expect(result.status).toBe('Error');
	expect(result.message).toBe(
		'Cirrus refused the token (HTTP 403: Not allowed to use external API). Check the token and that the External API is enabled for your tenant.',
	);
	expect(result.message).not.toContain(wrongToken);
});

test('a base URL that is not the Cirrus API fails', async () => {
	const result = await runCredentialTest(credential, { token: TOKEN, environment: 'custom', baseUrl: `${fake.server.origin}/elsewhere` });
	expect(result.status).toBe('Error');
	expect(result.message).toBe(
		"No Cirrus External API at this Base URL: the answer was not Cirrus'. Use the integrations API, ending with /api/v1/integrations, e.g. https://api.cirrusplatform.com/api/v1/integrations.",
	);
});

test('a base URL that is only the host gets /api/v1/integrations, as in the node', async () => {
	const result = await runCredentialTest(credential, { token: TOKEN, environment: 'custom', baseUrl: fake.server.origin });
	expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(fake.server.state.requests[0].path).toBe('/api/v1/integrations/user/n8n-credential-test-probe');
});

test.each([['ftp://example.com/api'], ['ws://example.com/api']])('a base URL that is not http(s) (%s) fails before any connection', async (baseUrl) => {
	const result = await runCredentialTest(credential, { token: TOKEN, environment: 'custom', baseUrl });
	expect(result).toEqual({ status: 'Error', message: 'Invalid URL' });
	expect(fake.server.state.requests).toHaveLength(0);
});

test('Production is the default environment', () => {
	const environment = credential.properties.find((property) => property.name === 'environment');
	expect(environment?.default).toBe('production');
	expect(JSON.stringify(credential.test.request.baseURL)).toContain('https://api.cirrusplatform.com/api/v1/integrations');
});
