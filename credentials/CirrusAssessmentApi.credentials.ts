import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlTestExpression } from '../nodes/shared/validation';

export const CIRRUS_PRODUCTION_BASE_URL = 'https://api.cirrusplatform.com/api/v1/integrations';

// The credential test probes a user ID that should not exist. "User has not been found" (HTTP 400,
// code 202) proves that the token was accepted, so HTTP errors are not thrown here and the rules
// below decide from the answer's body: the RoutingNode that runs this test only shows n8n the body.
const PROBE_EXTERNAL_ID = 'n8n-credential-test-probe';

export class CirrusAssessmentApi implements ICredentialType {
	name = 'cirrusAssessmentApi';

	displayName = 'Cirrus Assessment API';

	icon: Icon = {
		light: 'file:../nodes/CirrusAssessment/cirrusAssessment.svg',
		dark: 'file:../nodes/CirrusAssessment/cirrusAssessment.dark.svg',
	};

	documentationUrl = 'https://help.cirrusassessment.com/api/docs/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The External API token from Cirrus: Admin → External API settings. Sent as "Authorization: EAPI &lt;token&gt;".',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: CIRRUS_PRODUCTION_BASE_URL,
				},
				{
					name: 'Custom URL',
					value: 'custom',
					description: 'Another region, a tenant test host, or a local test server',
				},
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.eu.example-cirrus-host.com/api/v1/integrations',
			hint: 'Starts with http:// or https:// and ends with "/api/v1/integrations"',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=EAPI {{$credentials.token}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			// A custom URL that is not http(s) fails with "Invalid URL"; the node itself refuses it by name.
			baseURL:
				'={{ $credentials.environment === "custom" ? (' +
				baseUrlTestExpression('$credentials.baseUrl') +
				') : "' +
				CIRRUS_PRODUCTION_BASE_URL +
				'" }}',
			url: '/user/' + PROBE_EXTERNAL_ID,
			method: 'GET',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			json: true,
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Errors',
					value: 'Not allowed to use external API',
					message:
						'Cirrus refused the token (HTTP 403: Not allowed to use external API). Check the token and that the External API is enabled for your tenant.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Success',
					value: undefined,
					message:
						'No Cirrus API answer: the token was refused (HTTP 403) or the base URL is not the Cirrus integrations API. Check both.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'ErrorDetails[0].Code',
					value: 102,
					message: 'Cirrus answered with an unknown error (code 102) while checking the token',
				},
			},
		],
	};
}
