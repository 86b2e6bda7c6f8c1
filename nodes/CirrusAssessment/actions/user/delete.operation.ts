import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readRetryPolicy } from '../../../shared/requestOptions';
import {
	deleteByExternalId,
	externalIdProperty,
	optionsCollection,
	succeedIfNotFoundOption,
} from '../../../shared/userOperations';
import { cirrusApiRequest, isNotFound, userPath } from '../../transport';
import { EXTERNAL_ID_EXAMPLE, readExternalId } from './common';

const properties: INodeProperties[] = [
	{
		displayName:
			'This is a soft delete: the user goes to the Cirrus Trash Can for 30 days, and the same External ID cannot be created again until an administrator restores or purges the user.',
		name: 'softDeleteNotice',
		type: 'notice',
		default: '',
	},
	externalIdProperty('The ID of the user to delete', EXTERNAL_ID_EXAMPLE),
	optionsCollection([succeedIfNotFoundOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const externalId = readExternalId(this, itemIndex);
	return await deleteByExternalId(this, itemIndex, externalId, isNotFound, () =>
		cirrusApiRequest.call(this, { method: 'DELETE', path: userPath(externalId), itemIndex, policy: readRetryPolicy(this) }),
	);
}
