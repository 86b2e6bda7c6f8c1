import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../../../../nodes/shared/items';
import { maxConcurrentRequestsOption, readOption, requestTimeoutOption, retriesOption } from '../../../../../../nodes/shared/requestOptions';
import type { Run } from '../../../../../../nodes/shared/run';
import { sendRequest } from '../../../../../../nodes/shared/transport';
import { requireText, toBoundedInteger, toUtcTimestamp } from '../../../../../../nodes/shared/validation';
import { USERS_PATH } from '../../transport';

/** Assumed: KMI documents no default or maximum `limit`; 100 per page is asked for unless changed. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
/** Bounds the paging loop: 10 000 pages of 1 000 is far beyond any LMS this node serves. */
export const MAX_PAGES = 10_000;

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only users created after this moment. Without a time zone, UTC is meant.',
			},
			{
				displayName: 'Group ID',
				name: 'groupId',
				type: 'string',
				default: '',
				description: 'Only members of this LMS group or of its subgroups',
			},
			{
				displayName: 'Updated After',
				name: 'updatedAfter',
				type: 'dateTime',
				default: '',
				description:
					'Only users changed after this moment, e.g. {{ $now.minus({ days: 1 }) }} for a nightly sync. Without a time zone, UTC is meant.',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE, numberPrecision: 0 },
				default: DEFAULT_PAGE_SIZE,
				description:
					'Users asked for per request. An LMS may return fewer per page; paging goes on until a page comes back empty, so no user is missed.',
			},
			maxConcurrentRequestsOption,
			requestTimeoutOption,
			retriesOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getMany'] } }, properties);

function readFilters(run: Run, itemIndex: number): IDataObject {
	const node = run.node;
	const filters = run.context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = {};
	const given = (value: unknown) => value !== undefined && value !== null && value !== '';
	if (given(filters.createdAfter)) query.createdAfter = toUtcTimestamp(node, itemIndex, 'Created After', filters.createdAfter);
	if (given(filters.updatedAfter)) query.updatedAfter = toUtcTimestamp(node, itemIndex, 'Updated After', filters.updatedAfter);
	if (given(filters.groupId)) query.groupId = requireText(node, itemIndex, 'Group ID', filters.groupId);
	return query;
}

/**
 * GET /users/ page by page (offset/limit; the API gives no total), until a page comes back empty or the
 * limit is reached. A short page does not end it: an LMS may cap its pages below the size asked for.
 */
export function prepare(run: Run, itemIndex: number): PreparedItem {
	const { node, context } = run;
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? Infinity
		: toBoundedInteger(node, itemIndex, 'Limit', context.getNodeParameter('limit', itemIndex, 50), 1, Number.MAX_SAFE_INTEGER);
	const pageSize = toBoundedInteger(
		node,
		itemIndex,
		'Page Size',
		readOption(run, itemIndex, 'pageSize', DEFAULT_PAGE_SIZE),
		1,
		MAX_PAGE_SIZE,
	);
	const filters = readFilters(run, itemIndex);
	return { writes: [], execute: async () => await listUsers(run, itemIndex, { limit, pageSize, filters }) };
}

/**
 * GET /users/ page by page (offset/limit; the API gives no total) until a page comes back empty or the
 * limit is reached. A page shorter than asked does not end the list: an LMS may cap its page size below
 * what was asked, so the next page starts after the users received.
 */
async function listUsers(
	run: Run,
	itemIndex: number,
	{ limit, pageSize, filters }: { limit: number; pageSize: number; filters: IDataObject },
): Promise<IDataObject[]> {
	const { node } = run;
	const users: IDataObject[] = [];
	let previousFirstId: unknown;
	for (let page = 0; page < MAX_PAGES; page++) {
		const asked = Math.min(pageSize, limit - users.length);
		const offset = users.length;
		const result = await sendRequest(run, { method: 'GET', path: USERS_PATH, query: { offset, limit: asked, ...filters }, itemIndex });
		const body = result.landed ? undefined : result.content;
		if (!Array.isArray(body)) {
			throw new NodeOperationError(node, `KMI Learning answered GET ${USERS_PATH} with something other than a list of users`, {
				itemIndex,
			});
		}
		if (body.length === 0) return users;
		const firstId = (body[0] as IDataObject | undefined)?.id;
		if (page > 0 && firstId !== undefined && firstId === previousFirstId) {
			throw new NodeOperationError(node, `KMI Learning returned the same page again for offset ${offset}; stopped paging`, {
				itemIndex,
			});
		}
		previousFirstId = firstId;
		users.push(...(body.slice(0, asked) as IDataObject[]));
		if (users.length >= limit) return users;
	}
	throw new NodeOperationError(node, `Stopped after ${MAX_PAGES} pages of users: narrow the filters or raise Page Size`, {
		itemIndex,
	});
}
