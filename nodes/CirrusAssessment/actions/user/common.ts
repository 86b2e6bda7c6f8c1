import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiErrorCodeOf, asItemError } from '../../../shared/errors';
import type { RetryPolicy } from '../../../shared/retry';
import { requireText } from '../../../shared/validation';
import { CIRRUS_USER_NOT_FOUND, cirrusApiRequest, userPath } from '../../transport';
import { EXTERNAL_ID_MAX_LENGTH } from './userFields';

export function externalIdProperty(description: string): INodeProperties {
	return {
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. EMP-10042',
		description,
	};
}

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
	try {
		return await getUser(context, itemIndex, externalId, policy);
	} catch (error) {
		if (apiErrorCodeOf(error) === CIRRUS_USER_NOT_FOUND) return undefined;
		throw asItemError(context.getNode(), error, itemIndex);
	}
}
