import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItemError, earlierAttemptMayHaveLanded } from '../../../shared/errors';
import { readOption, readRetryPolicy, requestOptionFields } from '../../../shared/requestOptions';
import { isNotFound, kmiApiRequest, userPath } from '../../transport';
import { externalIdProperty, readExternalId } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'This is a soft delete: KMI Learning marks the account as deleted.',
		name: 'softDeleteNotice',
		type: 'notice',
		default: '',
	},
	externalIdProperty('The ID of the user to delete'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...requestOptionFields,
			{
				displayName: 'Succeed If Not Found',
				name: 'succeedIfNotFound',
				type: 'boolean',
				default: false,
				description:
					'Whether a user that does not exist gives { deleted: false, notFound: true } instead of an error, so re-running a deprovisioning workflow is harmless',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const externalId = readExternalId(this, itemIndex);
	try {
		await kmiApiRequest.call(this, {
			method: 'DELETE',
			path: userPath(externalId),
			itemIndex,
			policy: readRetryPolicy(this),
		});
	} catch (error) {
		if (isNotFound(error)) {
			// A repeat after a reset or timeout finds the user gone because the first attempt deleted it.
			if (earlierAttemptMayHaveLanded(error)) return { deleted: true, externalId };
			if (readOption(this, itemIndex, 'succeedIfNotFound', false)) {
				return { deleted: false, notFound: true, externalId };
			}
		}
		throw asItemError(this.getNode(), error, itemIndex);
	}
	return { deleted: true, externalId };
}
