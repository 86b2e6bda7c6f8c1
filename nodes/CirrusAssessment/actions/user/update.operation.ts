import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readOption, readRetryPolicy } from '../../../shared/requestOptions';
import { externalIdProperty, optionsCollection } from '../../../shared/userOperations';
import { invalidInput } from '../../../shared/validation';
import { cirrusApiRequest, userPath } from '../../transport';
import { EXTERNAL_ID_EXAMPLE, getUser, readExternalId } from './common';
import { readBackOption } from './create.operation';
import { checkSpecialNeedsRule, toApiUserFields, updateFields } from './userFields';

const properties: INodeProperties[] = [
	externalIdProperty('The current ID of the user to update', EXTERNAL_ID_EXAMPLE),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent; everything else stays as it is in Cirrus',
		options: updateFields,
	},
	optionsCollection([{ ...readBackOption, displayName: 'Read Back Updated User' }]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['update'] } }, properties);

/** The validated PATCH body; `ExternalId` in it renames the user. */
export function buildUpdateBody(context: IExecuteFunctions, itemIndex: number, fieldsParameter: string): IDataObject {
	const node = context.getNode();
	const body = toApiUserFields(node, itemIndex, context.getNodeParameter(fieldsParameter, itemIndex, {}) as IDataObject);
	checkSpecialNeedsRule(node, itemIndex, body, false);
	return body;
}

/** PATCH /user/{id} with only the given fields; reads back under the new ID after a rename. */
export async function patchUser(
	context: IExecuteFunctions,
	itemIndex: number,
	externalId: string,
	body: IDataObject,
): Promise<IDataObject> {
	const policy = readRetryPolicy(context);
	await cirrusApiRequest.call(context, {
		method: 'PATCH',
		path: userPath(externalId),
		body,
		itemIndex,
		policy,
	});
	const currentId = (body.ExternalId as string | undefined) ?? externalId;
	if (!readOption(context, itemIndex, 'readBack', true)) return { ExternalId: currentId, ...body };
	return await getUser(context, itemIndex, currentId, policy);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const externalId = readExternalId(this, itemIndex);
	const body = buildUpdateBody(this, itemIndex, 'updateFields');
	if (Object.keys(body).length === 0) {
		throw invalidInput(this.getNode(), itemIndex, 'Update Fields', 'has no field set: add at least one field to change');
	}
	return await patchUser(this, itemIndex, externalId, body);
}
