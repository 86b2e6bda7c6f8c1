import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Run } from '../../../../../../nodes/shared/run';
import { sendRequest } from '../../../../../../nodes/shared/transport';
import { unlessNotFound } from '../../../../../../nodes/shared/userOperations';
import { invalidInput, requireText } from '../../../../../../nodes/shared/validation';
import { USERS_PATH, userPath } from '../../transport';
import {
	differingFields,
	missingRequiredFields,
	REQUIRED_FIELDS,
	toApiUserFields,
	USER_FIELDS,
	writableValuesOf,
} from './userFields';

/** What the user operations share: reading the item, and the calls they are made of. */

export function readExternalId(run: Run, itemIndex: number): string {
	return requireText(run.node, itemIndex, 'External ID', run.context.getNodeParameter('externalId', itemIndex));
}

/** The validated POST body for one item: external ID, the four required fields, and the additional ones. */
export function buildCreateBody(run: Run, itemIndex: number): IDataObject {
	const { node, context } = run;
	const required: IDataObject = {};
	for (const name of REQUIRED_FIELDS) {
		required[name] = requireText(node, itemIndex, USER_FIELDS[name].label, context.getNodeParameter(name, itemIndex));
	}
	return {
		externalId: readExternalId(run, itemIndex),
		...toApiUserFields(node, itemIndex, required),
		...toApiUserFields(node, itemIndex, context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
	};
}

/** GET /users/external_id/{id}/: the user object as KMI returns it; a missing user is an error. */
export async function getUser(run: Run, itemIndex: number, externalId: string): Promise<IDataObject> {
	const result = await sendRequest(run, { method: 'GET', path: userPath(externalId), itemIndex });
	return asUser(result.landed ? undefined : result.content);
}

/** Like getUser, but undefined when there is no user with this external ID. */
export async function findUser(run: Run, itemIndex: number, externalId: string): Promise<IDataObject | undefined> {
	return await unlessNotFound(run, itemIndex, () => getUser(run, itemIndex, externalId));
}

/**
 * POST /users/. KMI does not refuse a second user with the same external ID, so a create whose answer
 * was lost is never sent again: reads spread over the settle window look for it, and if none finds
 * it the item fails saying that the outcome is unknown.
 */
export async function createUser(run: Run, itemIndex: number, body: IDataObject): Promise<IDataObject> {
	const externalId = body.externalId as string;
	const result = await sendRequest(run, {
		method: 'POST',
		path: USERS_PATH,
		body,
		itemIndex,
		settle: {
			action: `creating user "${externalId}"`,
			repeatWhenAbsent: false,
			advice:
				'KMI Learning does not refuse a second user with the same external ID, so the node does not send the create again. Look the user up in KMI Learning (or with Get), or run the item again with Create or Update, which updates the user if this create did land.',
			check: async () => {
				const user = await findUser(run, itemIndex, externalId);
				if (user === undefined) return 'absent';
				const differing = differingFields(body, user);
				if (differing.length === 0) return 'landed';
				throw new NodeOperationError(
					run.node,
					`a user with External ID "${externalId}" exists, but its ${differing.join(', ')} differ from what this item sent`,
					{ itemIndex },
				);
			},
		},
	});
	return await userAnsweredOrRead(run, itemIndex, externalId, result.landed ? undefined : result.content);
}

/**
 * PUT /users/external_id/{id}/ with every field `current` holds (but the read-only ones) under the
 * given fields: KMI's PUT replaces the whole user, so a field left out would be cleared. The external
 * ID is always in the body (assumed: the body is a whole user object, and a PUT without it might clear it).
 */
export async function putUser(
	run: Run,
	itemIndex: number,
	externalId: string,
	fields: IDataObject,
	current: IDataObject | undefined,
): Promise<IDataObject> {
	const body = { ...(current ? writableValuesOf(current) : {}), ...fields, externalId };
	const missing = missingRequiredFields(body);
	if (missing.length > 0) {
		throw invalidInput(
			run.node,
			itemIndex,
			'Update Fields',
			`lacks ${missing.join(', ')}: KMI Learning requires them in every update. Add them, or set "Fields Not Given" to "Keep Current Values".`,
		);
	}
	const result = await sendRequest(run, { method: 'PUT', path: userPath(externalId), body, itemIndex });
	return await userAnsweredOrRead(run, itemIndex, externalId, result.landed ? undefined : result.content);
}

/** KMI answers a create or update with the user; an answer without it (or a lost one) means reading it. */
async function userAnsweredOrRead(run: Run, itemIndex: number, externalId: string, answerBody: unknown): Promise<IDataObject> {
	const user = asUser(answerBody);
	if (user.externalId !== undefined) return user;
	return await getUser(run, itemIndex, externalId);
}

function asUser(body: unknown): IDataObject {
	return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as IDataObject) : {};
}
