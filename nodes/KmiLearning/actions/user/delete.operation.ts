import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readRetryPolicy } from '../../../shared/requestOptions';
import {
	deleteByExternalId,
	externalIdProperty,
	optionsCollection,
	succeedIfNotFoundOption,
} from '../../../shared/userOperations';
import { isNotFound, kmiApiRequest, userPath } from '../../transport';
import { EXTERNAL_ID_EXAMPLE, readExternalId } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'This is a soft delete: KMI Learning marks the account as deleted.',
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
		kmiApiRequest.call(this, { method: 'DELETE', path: userPath(externalId), itemIndex, policy: readRetryPolicy(this) }),
	);
}
