import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asItemError } from '../../../shared/errors';
import { readOption } from '../../../shared/requestOptions';
import type { Run } from '../../../shared/run';
import type { Settle } from '../../../shared/transport';
import { sendRequest } from '../../../shared/transport';
import { unlessNotFound } from '../../../shared/userOperations';
import { requireText } from '../../../shared/validation';
import { isRefusal, userPath } from '../../transport';
import {
	applySpecialNeedsRule,
	differingFields,
	EXTERNAL_ID_MAX_LENGTH,
	NAME_MAX_LENGTH,
	toApiUserFields,
} from './userFields';

/** What the user operations share: reading the item, and the calls they are made of. */

export function readExternalId(run: Run, itemIndex: number): string {
	return requireText(
		run.node,
		itemIndex,
		'External ID',
		run.context.getNodeParameter('externalId', itemIndex),
		EXTERNAL_ID_MAX_LENGTH,
	);
}

/** The validated POST /user body for one item (Create, Create or Update). */
export function buildCreateBody(run: Run, itemIndex: number): IDataObject {
	const { node, context } = run;
	const additionalFields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		ExternalId: readExternalId(run, itemIndex),
		FirstName: requireText(node, itemIndex, 'First Name', context.getNodeParameter('firstName', itemIndex), NAME_MAX_LENGTH),
		LastName: requireText(node, itemIndex, 'Last Name', context.getNodeParameter('lastName', itemIndex), NAME_MAX_LENGTH),
		...toApiUserFields(node, itemIndex, { ...additionalFields, email: context.getNodeParameter('email', itemIndex, '') }),
	};
	applySpecialNeedsRule(node, itemIndex, body);
	return body;
}

/** The validated PATCH body of Update; `ExternalId` in it renames the user. */
export function buildUpdateBody(run: Run, itemIndex: number): IDataObject {
	const body = toApiUserFields(run.node, itemIndex, run.context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
	applySpecialNeedsRule(run.node, itemIndex, body);
	return body;
}

export function readBackWanted(run: Run, itemIndex: number): boolean {
	return readOption(run, itemIndex, 'readBack', true);
}

/** The user as GET /user/{id} returns it (Content.User); a missing user is an error (code 202). */
export async function getUser(run: Run, itemIndex: number, externalId: string): Promise<IDataObject> {
	const result = await sendRequest(run, { method: 'GET', path: userPath(externalId), itemIndex });
	const content = result.landed ? undefined : (result.content as IDataObject | undefined);
	const user = content?.User;
	return typeof user === 'object' && user !== null ? (user as IDataObject) : {};
}

/** Like getUser, but undefined when Cirrus says the user has not been found (code 202). */
export async function findUser(run: Run, itemIndex: number, externalId: string): Promise<IDataObject | undefined> {
	return await unlessNotFound(run, itemIndex, () => getUser(run, itemIndex, externalId));
}

const SETTLE_ADVICE =
	'Look the user up in Cirrus (or with Get), or run the item again with Create or Update, which writes it whether or not it exists.';

/**
 * How a create or rename whose answer was lost is settled: the user under `externalId` holds the
 * values that were sent (landed), is missing (absent: Cirrus refuses a duplicate ID, so sending again
 * is safe), or holds other values (someone else's user: the error says which fields differ).
 */
function settleBy(run: Run, itemIndex: number, action: string, externalId: string, sent: IDataObject): Settle {
	return {
		action,
		repeatWhenAbsent: true,
		advice: SETTLE_ADVICE,
		check: async () => {
			const user = await findUser(run, itemIndex, externalId);
			if (user === undefined) return 'absent';
			const differing = differingFields(sent, user);
			if (differing.length === 0) return 'landed';
			throw new NodeOperationError(
				run.node,
				`a user with External ID "${externalId}" exists, but its ${differing.join(', ')} differ from what this item sent`,
				{ itemIndex },
			);
		},
	};
}

/**
 * POST /user. When Cirrus refuses it (HTTP 400) and the user exists, whatever words Cirrus used for
 * that, the answer is the user found: `taken`. Any other refusal is an error.
 */
export async function postUser(
	run: Run,
	itemIndex: number,
	body: IDataObject,
): Promise<{ taken?: IDataObject; refusal?: string }> {
	const externalId = body.ExternalId as string;
	try {
		await sendRequest(run, {
			method: 'POST',
			path: '/user',
			body,
			itemIndex,
			settle: settleBy(run, itemIndex, `creating user "${externalId}"`, externalId, body),
		});
		return {};
	} catch (error) {
		// Refused and not there: a validation error, or the ID belongs to a user in the Trash Can.
		const taken = isRefusal(error) ? await findUser(run, itemIndex, externalId) : undefined;
		if (taken === undefined) throw asItemError(run.node, error, itemIndex);
		return { taken, refusal: (error as Error).message };
	}
}

/**
 * Create: POST /user, then the created user as Get returns it (or the body sent, without read-back).
 * An External ID in use fails the item, saying so and pointing to Create or Update.
 */
export async function createUser(run: Run, itemIndex: number, body: IDataObject, readBack: boolean): Promise<IDataObject> {
	const externalId = body.ExternalId as string;
	try {
		const { taken, refusal } = await postUser(run, itemIndex, body);
		if (taken !== undefined) throw userExistsError(run, itemIndex, externalId, refusal);
	} catch (error) {
		throw asItemError(run.node, error, itemIndex);
	}
	return readBack ? await getUser(run, itemIndex, externalId) : body;
}

function userExistsError(run: Run, itemIndex: number, externalId: string, refusal: string | undefined): NodeOperationError {
	const apiWords = refusal ? ` (Cirrus: ${refusal})` : '';
	return new NodeOperationError(run.node, `Item ${itemIndex + 1}: a Cirrus user with External ID "${externalId}" already exists${apiWords}`, {
		itemIndex,
		description: 'Create makes new users only. To update existing users as well, use the operation Create or Update.',
	});
}

/** PATCH /user/{id} with only the given fields; a new `ExternalId` renames, and is read back under it. */
export async function patchUser(
	run: Run,
	itemIndex: number,
	externalId: string,
	body: IDataObject,
	readBack: boolean,
): Promise<IDataObject> {
	const newId = body.ExternalId as string | undefined;
	const renames = newId !== undefined && newId !== externalId;
	await sendRequest(run, {
		method: 'PATCH',
		path: userPath(externalId),
		body,
		itemIndex,
		renames,
		settle: renames ? settleBy(run, itemIndex, `renaming user "${externalId}" to "${newId}"`, newId, body) : undefined,
	});
	const currentId = newId ?? externalId;
	return readBack ? await getUser(run, itemIndex, currentId) : { ExternalId: currentId, ...body };
}
