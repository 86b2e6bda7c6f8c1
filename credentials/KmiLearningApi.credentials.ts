import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlTestExpression } from '../nodes/shared/validation';

/** Where the users API lives under the customer's LMS host. */
export const KMI_API_PATH = '/api/v2';

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
			hint: 'Your LMS host, starting with https:// (without /api/v2)',
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

	test: ICredentialTestRequest = {
		request: {
			// A base URL that is not http(s) fails with "Invalid URL"; the node itself refuses it by name.
			baseURL: '={{ ' + baseUrlTestExpression('$credentials.baseUrl', KMI_API_PATH) + ' }}',
			url: '/users/',
			qs: { limit: 1 },
			method: 'GET',
			headers: { Accept: 'application/json' },
			json: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'KMI Learning refused the API key or secret (HTTP 401). Check both, and that the key has not expired.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'KMI Learning refused access for this API key (HTTP 403). Check the key\'s permissions in the LMS.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No KMI Learning API at this Base URL (HTTP 404 for /api/v2/users/). Use the LMS host only, e.g. https://lms.example.com.',
				},
			},
		],
	};
}
