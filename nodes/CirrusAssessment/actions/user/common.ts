import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RetryPolicy } from '../../../shared/retry';
import { unlessNotFound } from '../../../shared/userOperations';
import { requireText } from '../../../shared/validation';
import { cirrusApiRequest, isNotFound, userPath } from '../../transport';
import { EXTERNAL_ID_MAX_LENGTH } from './userFields';

export const EXTERNAL_ID_EXAMPLE = 'EMP-10042';

export function readExternalId(context: IExecuteFunctions, itemIndex: number): string {
	return requireText(
		context.getNode(),
		itemIndex,
		'External ID',
		context.getNodeParameter('externalId', itemIndex),
		EXTERNAL_ID_MAX_LENGTH,
	);
}

/** The user as GET /user/{id} returns it (Content.User); a missing user is an error (code 202). */
export async function getUser(
	context: IExecuteFunctions,
	itemIndex: number,
	externalId: string,
	policy: RetryPolicy,
): Promise<IDataObject> {
	const { content } = await cirrusApiRequest.call(context, {
		method: 'GET',
		path: userPath(externalId),
		itemIndex,
		policy,
	});
	const user = (content as IDataObject | undefined)?.User;
	return typeof user === 'object' && user !== null ? (user as IDataObject) : {};
}

/** Like getUser, but undefined when Cirrus says the user has not been found (code 202). */
export async function findUser(
	context: IExecuteFunctions,
	itemIndex: number,
	externalId: string,
	policy: RetryPolicy,
): Promise<IDataObject | undefined> {
	return await unlessNotFound(context, itemIndex, isNotFound, () => getUser(context, itemIndex, externalId, policy));
}
