import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../shared/items';
import type { Run } from '../../../shared/run';
import { sendRequest } from '../../../shared/transport';
import {
	deleteByExternalId,
	externalIdProperty,
	optionsCollection,
	succeedIfNotFoundOption,
} from '../../../shared/userOperations';
import { userPath } from '../../transport';
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

export function prepare(run: Run, itemIndex: number): PreparedItem {
	const externalId = readExternalId(run, itemIndex);
	return {
		writes: [externalId],
		execute: async () =>
			await deleteByExternalId(run, itemIndex, externalId, () =>
				sendRequest(run, { method: 'DELETE', path: userPath(externalId), itemIndex }),
			),
	};
}
