import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import type { ApiPathRule } from '../nodes/shared/validation';
import { apiBaseUrlTestExpression } from '../nodes/shared/validation';

export const CIRRUS_PRODUCTION_BASE_URL = 'https://api.cirrusplatform.com/api/v1/integrations';

/** A custom Base URL that is only a host gets the API's path; one with a path is taken as the API's. */
export const CIRRUS_API_PATH: ApiPathRule = { apiPath: '/api/v1/integrations', appendTo: 'hostOnly' };

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
			hint: 'The integrations API, ending with /api/v1/integrations (added to a host on its own)',
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
			// The node's own rule for a custom Base URL (toApiBaseUrl), written out for n8n's expression engine.
			baseURL:
				'={{ $credentials.environment === "custom" ? ' +
				apiBaseUrlTestExpression('$credentials.baseUrl', CIRRUS_API_PATH) +
				' : "' +
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
						'No Cirrus External API at this Base URL: the answer was not Cirrus\'. Use the integrations API, ending with /api/v1/integrations, e.g. https://api.cirrusplatform.com/api/v1/integrations.',
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
