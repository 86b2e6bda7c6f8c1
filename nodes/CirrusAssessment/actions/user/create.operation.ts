import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readOption, readRetryPolicy } from '../../../shared/requestOptions';
import { externalIdProperty, optionsCollection } from '../../../shared/userOperations';
import { requireText } from '../../../shared/validation';
import { cirrusApiRequest } from '../../transport';
import { EXTERNAL_ID_EXAMPLE, findUser, getUser, readExternalId } from './common';
import {
	checkSpecialNeedsRule,
	createAdditionalFields,
	NAME_MAX_LENGTH,
	toApiUserFields,
} from './userFields';

export const readBackOption: INodeProperties = {
	displayName: 'Read Back User',
	name: 'readBack',
	type: 'boolean',
	default: true,
	description:
		'Whether to read the user back from Cirrus after the change (one extra call) so the output has every field as Get returns it. Off: the output is the fields that were sent.',
};

const properties: INodeProperties[] = [
	externalIdProperty('The ID of the user in your own system; it becomes the "User ID" in Cirrus', EXTERNAL_ID_EXAMPLE),
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: createAdditionalFields,
	},
	optionsCollection([{ ...readBackOption, displayName: 'Read Back Created User' }]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['create'] } }, properties);

/** The validated POST /user body for one item. */
export function buildCreateBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = context.getNode();
	const body: IDataObject = {
		ExternalId: readExternalId(context, itemIndex),
		FirstName: requireText(node, itemIndex, 'First Name', context.getNodeParameter('firstName', itemIndex), NAME_MAX_LENGTH),
		LastName: requireText(node, itemIndex, 'Last Name', context.getNodeParameter('lastName', itemIndex), NAME_MAX_LENGTH),
		...toApiUserFields(node, itemIndex, context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
	};
	checkSpecialNeedsRule(node, itemIndex, body, true);
	return body;
}

/**
 * POST /user. A POST is never re-sent blindly: when its outcome is unknown (timeout, reset), a GET
 * decides whether the user now exists.
 */
export async function createUser(
	context: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
): Promise<IDataObject> {
	const policy = readRetryPolicy(context);
	const externalId = body.ExternalId as string;
	await cirrusApiRequest.call(context, {
		method: 'POST',
		path: '/user',
		body,
		itemIndex,
		policy,
		didLand: async () => (await findUser(context, itemIndex, externalId, policy)) !== undefined,
	});
	if (!readOption(context, itemIndex, 'readBack', true)) return body;
	return await getUser(context, itemIndex, externalId, policy);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await createUser(this, itemIndex, buildCreateBody(this, itemIndex));
}
