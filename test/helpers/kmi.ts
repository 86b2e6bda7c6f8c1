import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { KmiLearningApi } from '../../packages/n8n-nodes-kmi-learning/credentials/KmiLearningApi.credentials';
import { KmiLearning } from '../../packages/n8n-nodes-kmi-learning/nodes/KmiLearning/KmiLearning.node';
import { errorThrownBy, runNode } from './harness';

import { startFakeKmi } from '../fake-kmi/server';

export type FakeKmi = Awaited<ReturnType<typeof startFakeKmi>>;

/** Two keys, so that every test can check that users stay under the key they belong to. */
export const KEY = 'a3c1e7d2-5b1f-4c8e-9d0a-7e6f5a4b3c21';
export const SECRET = 'kmi-SeCrEt-9f8e7d6c';
export const OTHER_KEY = 'b4d2f8e3-6c2a-4d9f-8e1b-8f7a6b5c4d32';
export const OTHER_SECRET = 'kmi-OtHeR-1a2b3c4d';

export interface KmiRunOptions {
	parameters: INodeParameters;
	items?: IDataObject[];
	onError?: INode['onError'];
	credentials?: IDataObject;
}

export async function runKmi(server: FakeKmi, options: KmiRunOptions): Promise<INodeExecutionData[]> {
	return await runNode({
		nodeType: new KmiLearning(),
		credentialType: new KmiLearningApi(),
		credentials: { baseUrl: server.baseUrl, apiKey: KEY, apiSecret: SECRET, ...options.credentials } as never,
		parameters: { resource: 'user', ...options.parameters },
		items: options.items,
		onError: options.onError,
	});
}

/** Runs and returns the thrown error, failing the test if nothing was thrown. */
export async function runKmiExpectingError(server: FakeKmi, options: KmiRunOptions): Promise<Error & IDataObject> {
	return await errorThrownBy(runKmi(server, options));
}

export const ada = {
	externalId: 'ID10-05113',
	email: 'ada@example.com',
	firstName: 'Ada',
	lastName: 'Lovelace',
	loginName: 'ada.lovelace',
};
