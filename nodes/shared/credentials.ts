import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

const credentialsByRun = new WeakMap<IExecuteFunctions, Map<string, Promise<ICredentialDataDecryptedObject>>>();

/** A credential once per run and type (n8n decrypts it on every call); a failed read is not kept. */
export async function credentialsOnce(
	context: IExecuteFunctions,
	credentialType: string,
	itemIndex: number,
): Promise<ICredentialDataDecryptedObject> {
	let byType = credentialsByRun.get(context);
	if (!byType) {
		byType = new Map();
		credentialsByRun.set(context, byType);
	}
	let credentials = byType.get(credentialType);
	if (!credentials) {
		credentials = context.getCredentials(credentialType, itemIndex);
		byType.set(credentialType, credentials);
		const cache = byType;
		credentials.catch(() => cache.delete(credentialType));
	}
	return await credentials;
}
