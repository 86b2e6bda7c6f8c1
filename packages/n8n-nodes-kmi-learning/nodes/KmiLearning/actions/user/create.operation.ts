import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../../../../nodes/shared/items';
import { maxConcurrentRequestsOption, readOption, requestTimeoutOption, retriesOption } from '../../../../../../nodes/shared/requestOptions';
import type { Run } from '../../../../../../nodes/shared/run';
import { buildCreateBody, createUser, findUser } from './common';
import { createFields } from './descriptions';

const properties: INodeProperties[] = [
	...createFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Check External ID Is Unused',
				name: 'checkExternalIdUnused',
				type: 'boolean',
				default: true,
				description:
					'Whether to look the external ID up first and refuse to create a second user with it (one extra call). KMI Learning itself does not check, and a duplicate external ID breaks Get, Update and Delete for that user.',
			},
			maxConcurrentRequestsOption,
			requestTimeoutOption,
			retriesOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['create'] } }, properties);

export function prepare(run: Run, itemIndex: number): PreparedItem {
	const body = buildCreateBody(run, itemIndex);
	const externalId = body.externalId as string;
	const checkUnused = readOption(run, itemIndex, 'checkExternalIdUnused', true);
	const execute = async () => {
		// Earlier items with this external ID have finished (the router keeps their order), so the check sees them.
		const existing = checkUnused ? await findUser(run, itemIndex, externalId) : undefined;
		if (existing !== undefined) {
			throw new NodeOperationError(
				run.node,
				`Item ${itemIndex + 1}: a KMI Learning user with External ID "${externalId}" already exists${existing.id !== undefined ? ` (LMS id ${String(existing.id)})` : ''}`,
				{
					itemIndex,
					description:
						'Create makes new users only. To update existing users as well, use the operation Create or Update (or turn off Options → Check External ID Is Unused).',
				},
			);
		}
		return await createUser(run, itemIndex, body);
	};
	return { writes: [externalId], execute };
}
