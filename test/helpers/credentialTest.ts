import get from 'lodash/get';
import { RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';

import { buildContext } from './harness';

/**
 * Runs a credential's declarative `test` the way n8n's CredentialsTester (packages/cli) does: the
 * request goes through n8n-core's real RoutingNode on a temporary node, a thrown HTTP error fails the
 * test unless a `responseCode` rule names it, and `responseSuccessBody` rules are checked on the body
 * with lodash's get, as n8n does.
 */
export async function runCredentialTest(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const testRequest = credentialType.test;
	if (!testRequest) throw new Error(`${credentialType.name} has no test`);
	const withDefaults: ICredentialDataDecryptedObject = {};
	for (const property of credentialType.properties) withDefaults[property.name] = property.default as string;
	Object.assign(withDefaults, data);

	const tempNodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'credentialTestNode',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' },
			],
		},
	};
	const context = buildContext({
		nodeType: tempNodeType,
		credentialType,
		credentials: withDefaults,
		parameters: {},
		items: [{}],
	});
	const routingNode = new RoutingNode(context, tempNodeType, {
		id: 'cred-1',
		name: 'Test credential',
		type: credentialType.name,
		data: withDefaults,
	});

	let response;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
		if (cause?.response) {
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === cause.response.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			return {
				status: 'Error',
				message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}`,
			};
		}
		if (cause?.code) return { status: 'Error', message: cause.code };
		return { status: 'Error', message: (error as Error).message };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			// As n8n reads it (no optional chaining): a body rule on an answer with no item throws.
			const json = response![0][0].json;
			if (get(json, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
