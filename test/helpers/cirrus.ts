import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { CirrusAssessmentApi } from '../../credentials/CirrusAssessmentApi.credentials';
import { CirrusAssessment } from '../../nodes/CirrusAssessment/CirrusAssessment.node';
import { errorThrownBy, runNode } from './harness';

import { startFakeCirrus } from '../fake-cirrus/server';

export type FakeCirrus = Awaited<ReturnType<typeof startFakeCirrus>>;
export { startFakeCirrus };

export const TOKEN = 'sEcReT-token-7f3a9c';

export interface CirrusRunOptions {
	parameters: INodeParameters;
	items?: IDataObject[];
	onError?: INode['onError'];
	credentials?: IDataObject;
	onCredentialRead?: () => void;
}

export async function runCirrus(server: FakeCirrus, options: CirrusRunOptions): Promise<INodeExecutionData[]> {
	return await runNode({
		nodeType: new CirrusAssessment(),
		credentialType: new CirrusAssessmentApi(),
		credentials: { token: TOKEN, environment: 'custom', baseUrl: server.baseUrl, ...options.credentials } as never,
		parameters: { resource: 'user', ...options.parameters },
		items: options.items,
		onError: options.onError,
		onCredentialRead: options.onCredentialRead,
	});
}

/** Runs and returns the thrown error, failing the test if nothing was thrown. */
export async function runCirrusExpectingError(server: FakeCirrus, options: CirrusRunOptions): Promise<Error & IDataObject> {
	return await errorThrownBy(runCirrus(server, options));
}

export function seedUser(server: FakeCirrus, user: IDataObject): void {
	server.state.users.set(user.ExternalId as string, { ...user });
}
