import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readOption, readRetryPolicy, requestOptionFields } from '../../../shared/requestOptions';
import { externalIdProperty, findUser, getUser, readExternalId } from './common';

const properties: INodeProperties[] = [
	externalIdProperty('The ID of the user in your own system, as stored in the LMS under this API key'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...requestOptionFields,
			{
				displayName: 'Return Empty if Not Found',
				name: 'returnEmptyIfNotFound',
				type: 'boolean',
				default: false,
				description:
					'Whether a user that does not exist gives an empty item instead of an error, for "does this user exist?" branches',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const externalId = readExternalId(this, itemIndex);
	const policy = readRetryPolicy(this);
	if (readOption(this, itemIndex, 'returnEmptyIfNotFound', false)) {
		return (await findUser(this, itemIndex, externalId, policy)) ?? {};
	}
	return await getUser(this, itemIndex, externalId, policy);
}
