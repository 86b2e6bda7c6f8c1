import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readOption, readRetryPolicy } from '../../../shared/requestOptions';
import { optionsCollection } from '../../../shared/userOperations';
import { requireText, toBoundedInteger, toUtcTimestamp } from '../../../shared/validation';
import { kmiApiRequest, USERS_PATH } from '../../transport';

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
	optionsCollection([
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE, numberPrecision: 0 },
			default: DEFAULT_PAGE_SIZE,
			description:
				'Users asked for per request. Paging stops at the first page shorter than this, so it must not exceed what your LMS returns per page.',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getMany'] } }, properties);

function readFilters(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = context.getNode();
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = {};
	const given = (value: unknown) => value !== undefined && value !== null && value !== '';
	if (given(filters.createdAfter)) query.createdAfter = toUtcTimestamp(node, itemIndex, 'Created After', filters.createdAfter);
	if (given(filters.updatedAfter)) query.updatedAfter = toUtcTimestamp(node, itemIndex, 'Updated After', filters.updatedAfter);
	if (given(filters.groupId)) query.groupId = requireText(node, itemIndex, 'Group ID', filters.groupId);
	return query;
}

/**
 * GET /users/ page by page (offset/limit; the API gives no total), until a page comes back shorter
 * than asked for or the limit is reached.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const node = this.getNode();
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? Infinity
		: toBoundedInteger(node, itemIndex, 'Limit', this.getNodeParameter('limit', itemIndex, 50), 1, Number.MAX_SAFE_INTEGER);
	const pageSize = toBoundedInteger(
		node,
		itemIndex,
		'Page Size',
		readOption(this, itemIndex, 'pageSize', DEFAULT_PAGE_SIZE),
		1,
		MAX_PAGE_SIZE,
	);
	const filters = readFilters(this, itemIndex);
	const policy = readRetryPolicy(this);

	const users: IDataObject[] = [];
	let previousFirstId: unknown;
	for (let page = 0; page < MAX_PAGES; page++) {
		const asked = Math.min(pageSize, limit - users.length);
		const offset = users.length;
		const { body } = await kmiApiRequest.call(this, {
			method: 'GET',
			path: USERS_PATH,
			query: { offset, limit: asked, ...filters },
			itemIndex,
			policy,
		});
		if (!Array.isArray(body)) {
			throw new NodeOperationError(node, `KMI Learning answered GET ${USERS_PATH} with something other than a list of users`, {
				itemIndex,
			});
		}
		const firstId = (body[0] as IDataObject | undefined)?.id;
		if (page > 0 && body.length > 0 && firstId !== undefined && firstId === previousFirstId) {
			throw new NodeOperationError(node, `KMI Learning returned the same page again for offset ${offset}; stopped paging`, {
				itemIndex,
			});
		}
		previousFirstId = firstId;
		users.push(...(body.slice(0, asked) as IDataObject[]));
		if (body.length < asked || users.length >= limit) return users;
	}
	throw new NodeOperationError(node, `Stopped after ${MAX_PAGES} pages of users: narrow the filters or raise Page Size`, {
		itemIndex,
	});
}
