import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RetryPolicy } from '../../../shared/retry';
import { unlessNotFound } from '../../../shared/userOperations';
import { requireText } from '../../../shared/validation';
import { isNotFound, kmiApiRequest, userPath } from '../../transport';

export const EXTERNAL_ID_EXAMPLE = 'ID10-05113';

export function readExternalId(context: IExecuteFunctions, itemIndex: number): string {
	return requireText(context.getNode(), itemIndex, 'External ID', context.getNodeParameter('externalId', itemIndex));
}

/** GET /users/external_id/{id}/: the user object as KMI returns it; a missing user is an error. */
export async function getUser(
	context: IExecuteFunctions,
	itemIndex: number,
	externalId: string,
	policy: RetryPolicy,
): Promise<IDataObject> {
	const { body } = await kmiApiRequest.call(context, { method: 'GET', path: userPath(externalId), itemIndex, policy });
	return asUser(body);
}

/** Like getUser, but undefined when there is no user with this external ID. */
export async function findUser(
	context: IExecuteFunctions,
	itemIndex: number,
	externalId: string,
	policy: RetryPolicy,
): Promise<IDataObject | undefined> {
	return await unlessNotFound(context, itemIndex, isNotFound, () => getUser(context, itemIndex, externalId, policy));
}

/** KMI answers a create or update with the user; an answer without it (or a lost one) means reading it. */
export async function userAnsweredOrRead(
	context: IExecuteFunctions,
	itemIndex: number,
	externalId: string,
	policy: RetryPolicy,
	answerBody: unknown,
): Promise<IDataObject> {
	const user = asUser(answerBody);
	if (user.externalId !== undefined) return user;
	return await getUser(context, itemIndex, externalId, policy);
}

function asUser(body: unknown): IDataObject {
	return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as IDataObject) : {};
}
