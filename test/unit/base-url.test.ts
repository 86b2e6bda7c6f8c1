// One rule for a credential's Base URL, in the node (toApiBaseUrl) and in the credential test, where it
// is an expression n8n evaluates (apiBaseUrlTestExpression): both must give the same URL.
import type { INode, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { CIRRUS_API_PATH } from '../../credentials/CirrusAssessmentApi.credentials';
import type { ApiPathRule } from '../../nodes/shared/validation';
import { apiBaseUrlTestExpression, toApiBaseUrl } from '../../nodes/shared/validation';
import { KMI_API_PATH } from '../../packages/n8n-nodes-kmi-learning/credentials/KmiLearningApi.credentials';

const node: INode = { id: 'n', name: 'N', type: 'test.node', typeVersion: 1, position: [0, 0], parameters: {} };
const nodeType = { description: { properties: [] } } as unknown as INodeType;
const nodeTypes: INodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });

function inExpression(baseUrl: string, rule: ApiPathRule): unknown {
	const expression = `={{ ${apiBaseUrlTestExpression('$credentials.baseUrl', rule)} }}`;
	return workflow.expression.getSimpleParameterValue(node, expression, 'internal', { $credentials: { baseUrl } }, undefined, '');
}

describe.each([
	[
		'Cirrus',
		CIRRUS_API_PATH,
		[
			['https://api.eu.example.com', 'https://api.eu.example.com/api/v1/integrations'],
			['https://api.eu.example.com/', 'https://api.eu.example.com/api/v1/integrations'],
			['api.eu.example.com', 'https://api.eu.example.com/api/v1/integrations'],
			[' https://api.eu.example.com/api/v1/integrations// ', 'https://api.eu.example.com/api/v1/integrations'],
			['http://127.0.0.1:8080/gateway/cirrus', 'http://127.0.0.1:8080/gateway/cirrus'],
			['ftp://files.example.com/api', undefined],
		],
	],
	[
		'KMI Learning',
		KMI_API_PATH,
		[
			['https://lms.example.com', 'https://lms.example.com/api/v2'],
			['https://lms.example.com/api/v2/', 'https://lms.example.com/api/v2'],
			['lms.example.com', 'https://lms.example.com/api/v2'],
			['https://example.com/lms/', 'https://example.com/lms/api/v2'],
			['ftp://lms.example.com', undefined],
		],
	],
])('%s Base URL', (_vendor, rule, cases) => {
	test.each(cases as Array<[string, string | undefined]>)('%s → %s, in the node and in the credential test', (entered, expected) => {
		expect(toApiBaseUrl(entered, rule)).toBe(expected);
		expect(inExpression(entered, rule)).toBe(expected ?? 'Base URL must be an http:// or https:// address');
	});
});
