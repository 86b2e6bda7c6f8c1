import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import type { ApiPathRule } from '../../../nodes/shared/validation';
import { apiBaseUrlTestExpression } from '../../../nodes/shared/validation';

/** Where the users API lives under the customer's LMS: /api/v2, added unless the Base URL ends with it. */
export const KMI_API_PATH: ApiPathRule = { apiPath: '/api/v2', appendTo: 'anyPath' };

export class KmiLearningApi implements ICredentialType {
	name = 'kmiLearningApi';

	displayName = 'KMI Learning API';

	icon: Icon = {
		light: 'file:../nodes/KmiLearning/kmiLearning.svg',
		dark: 'file:../nodes/KmiLearning/kmiLearning.dark.svg',
	};

	documentationUrl = 'https://docs.kmilearning.com/lms/dev-documentation/';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://lms.example.com',
			hint: 'Your LMS host, e.g. https://lms.example.com (/api/v2 is added)',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In the LMS: your profile → API Access → API v2 → API Keys → Add. Users are isolated per key: the same external ID under another key is another user.',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret shown once next to the API key when it is created',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-Api-Key': '={{$credentials.apiKey}}',
				'X-Api-Secret': '={{$credentials.apiSecret}}',
			},
		},
	};

	// The test reads the answer as text and judges its first character, so that our messages show on
	// n8n 1.x as on 2.x (1.x never runs `responseCode` rules) and whatever KMI's error bodies say, which
	// its documentation does not: a user list starts with "[", an API error is a JSON object ("{"), and a
	// server that is not the API answers with a web page ("<").
	test: ICredentialTestRequest = {
		request: {
			// The node's own rule for the Base URL (toApiBaseUrl), written out for n8n's expression engine.
			baseURL: '={{ ' + apiBaseUrlTestExpression('$credentials.baseUrl', KMI_API_PATH) + ' }}',
			url: '/users/',
			qs: { limit: 1 },
			method: 'GET',
			headers: { Accept: 'application/json' },
			json: false,
			encoding: 'text',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: '0',
					value: '{',
					message:
						'KMI Learning refused the API key or secret. Check both, that the key has not expired (its date is set in the LMS), and that it may list users.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: '0',
					value: '<',
					message:
						'No KMI Learning API at this Base URL: it answered with a web page. Use the LMS host only, e.g. https://lms.example.com.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: '0',
					value: undefined,
					message: 'No KMI Learning API at this Base URL: the answer was empty. Use the LMS host only, e.g. https://lms.example.com.',
				},
			},
		],
	};
}
