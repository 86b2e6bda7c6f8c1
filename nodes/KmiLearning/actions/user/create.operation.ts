import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { oneAtATimePerKey } from '../../../shared/keyLock';
import { readOption, readRetryPolicy } from '../../../shared/requestOptions';
import { externalIdProperty, optionsCollection } from '../../../shared/userOperations';
import { requireText } from '../../../shared/validation';
import { kmiApiRequest, USERS_PATH } from '../../transport';
import { EXTERNAL_ID_EXAMPLE, findUser, readExternalId, userAnsweredOrRead } from './common';
import { additionalFieldProperties, REQUIRED_FIELDS, requiredFieldProperties, toApiUserFields } from './userFields';

export const createFieldProperties: INodeProperties[] = [
	externalIdProperty('The ID of the user in your own system; Get, Update and Delete find the user by it', EXTERNAL_ID_EXAMPLE),
	...requiredFieldProperties,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: additionalFieldProperties,
	},
];

const properties: INodeProperties[] = [
	...createFieldProperties,
	optionsCollection([
		{
			displayName: 'Check External ID Is Unused',
			name: 'checkExternalIdUnused',
			type: 'boolean',
			default: true,
			description:
				'Whether to look the external ID up first and refuse to create a second user with it (one extra call). KMI Learning itself does not check, and a duplicate external ID breaks Get, Update and Delete for that user.',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['create'] } }, properties);

/** The validated POST body for one item: external ID, the four required fields, and the additional ones. */
export function buildCreateBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = context.getNode();
	const required: IDataObject = {};
	for (const spec of REQUIRED_FIELDS) {
		required[spec.name] = requireText(node, itemIndex, spec.displayName, context.getNodeParameter(spec.name, itemIndex));
	}
	return {
		externalId: readExternalId(context, itemIndex),
		...toApiUserFields(node, itemIndex, required),
		...toApiUserFields(node, itemIndex, context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
	};
}

/**
 * POST /users/. A POST is never re-sent blindly: when its outcome is unknown (timeout, reset), a GET
 * decides whether the user now exists.
 */
export async function createUser(context: IExecuteFunctions, itemIndex: number, body: IDataObject): Promise<IDataObject> {
	const policy = readRetryPolicy(context);
	const externalId = body.externalId as string;
	const answer = await kmiApiRequest.call(context, {
		method: 'POST',
		path: USERS_PATH,
		body,
		itemIndex,
		policy,
		didLand: async () => (await findUser(context, itemIndex, externalId, policy)) !== undefined,
	});
	return await userAnsweredOrRead(context, itemIndex, externalId, policy, answer.body);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = buildCreateBody(this, itemIndex);
	if (!readOption(this, itemIndex, 'checkExternalIdUnused', true)) return await createUser(this, itemIndex, body);
	const externalId = body.externalId as string;
	// Items with the same external ID take turns, so the check and the create of one finish before the next checks.
	return await oneAtATimePerKey(this, externalId, async () => {
		const existing = await findUser(this, itemIndex, externalId, readRetryPolicy(this));
		if (existing !== undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`Item ${itemIndex + 1}: a KMI Learning user with External ID "${externalId}" already exists${existing.id !== undefined ? ` (LMS id ${String(existing.id)})` : ''}`,
				{
					itemIndex,
					description:
						'Use Update or Create or Update for existing users, or turn off "Check External ID Is Unused" in the options.',
				},
			);
		}
		return await createUser(this, itemIndex, body);
	});
}
