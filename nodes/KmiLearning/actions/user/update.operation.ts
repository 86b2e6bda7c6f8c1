import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readRetryPolicy } from '../../../shared/requestOptions';
import { externalIdProperty, optionsCollection } from '../../../shared/userOperations';
import { invalidInput } from '../../../shared/validation';
import { kmiApiRequest, userPath } from '../../transport';
import { EXTERNAL_ID_EXAMPLE, getUser, readExternalId, userAnsweredOrRead } from './common';
import { missingRequiredFields, toApiUserFields, updateFieldProperties, writableValuesOf } from './userFields';

const properties: INodeProperties[] = [
	externalIdProperty('The ID of the user to update', EXTERNAL_ID_EXAMPLE),
	{
		displayName: 'Fields Not Given',
		name: 'fieldsNotGiven',
		type: 'options',
		options: [
			{
				name: 'Keep Current Values',
				value: 'keep',
				description:
					'Read the user first and send its current values for every field not set below (one extra call)',
			},
			{
				name: 'Send As Given',
				value: 'asGiven',
				description:
					'Send only the fields set below. KMI requires Email, First Name, Last Name and Login Name in every update, so set all four.',
			},
		],
		default: 'keep',
		description: 'KMI Learning replaces the whole user on update: what to send for the fields you leave out',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: updateFieldProperties,
	},
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['update'] } }, properties);

/**
 * PUT /users/external_id/{id}/ with `current`'s values under the given fields. The external ID is
 * always in the body (assumed: the body is a whole user object, and a PUT without it might clear it).
 */
export async function putUser(
	context: IExecuteFunctions,
	itemIndex: number,
	externalId: string,
	fields: IDataObject,
	current: IDataObject | undefined,
): Promise<IDataObject> {
	const policy = readRetryPolicy(context);
	const body = { ...(current ? writableValuesOf(current) : {}), ...fields, externalId };
	const missing = missingRequiredFields(body);
	if (missing.length > 0) {
		throw invalidInput(
			context.getNode(),
			itemIndex,
			'Update Fields',
			`lacks ${missing.join(', ')}: KMI Learning requires them in every update. Add them, or set "Fields Not Given" to "Keep Current Values".`,
		);
	}
	const answer = await kmiApiRequest.call(context, { method: 'PUT', path: userPath(externalId), body, itemIndex, policy });
	return await userAnsweredOrRead(context, itemIndex, externalId, policy, answer.body);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const externalId = readExternalId(this, itemIndex);
	const fields = toApiUserFields(this.getNode(), itemIndex, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
	if (Object.keys(fields).length === 0) {
		throw invalidInput(this.getNode(), itemIndex, 'Update Fields', 'has no field set: add at least one field to change');
	}
	const keepCurrent = this.getNodeParameter('fieldsNotGiven', itemIndex, 'keep') === 'keep';
	const current = keepCurrent ? await getUser(this, itemIndex, externalId, readRetryPolicy(this)) : undefined;
	return await putUser(this, itemIndex, externalId, fields, current);
}
