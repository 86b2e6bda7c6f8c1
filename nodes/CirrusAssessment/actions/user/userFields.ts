import type { IDataObject, INode } from 'n8n-workflow';

import {
	checkMaxLength,
	invalidInput,
	requireText,
	toBoolean,
	toBoundedInteger,
	toEntries,
	toIsoDate,
	toText,
	toTextList,
} from '../../../shared/validation';

/**
 * The one table where the node's field names meet the API's names, types and limits
 * (../shared/api/cirrus.md, "User fields"). The fields the editor shows are literals in
 * descriptions.ts and update.operation.ts; test/unit/descriptions.test.ts checks that every one of
 * them is here under its own label. SynchronizationKey is deprecated and absent.
 */
type FieldKind = 'text' | 'boolean' | 'percentage' | 'date' | 'textList' | 'hierarchies';

interface UserField {
	apiName: string;
	/** The field's displayName, for error messages. */
	label: string;
	kind: FieldKind;
	maxLength?: number;
}

export const EXTERNAL_ID_MAX_LENGTH = 64;
export const NAME_MAX_LENGTH = 500;

export const USER_FIELDS: Readonly<Record<string, UserField>> = {
	addressLine1: { apiName: 'AddressLine1', label: 'Address Line 1', kind: 'text', maxLength: 500 },
	addressLine2: { apiName: 'AddressLine2', label: 'Address Line 2', kind: 'text', maxLength: 500 },
	allowedIpAddresses: { apiName: 'AllowedIpAddresses', label: 'Allowed IP Addresses', kind: 'textList' },
	cellularPhone: { apiName: 'CellularPhone', label: 'Cellular Phone', kind: 'text', maxLength: 50 },
	city: { apiName: 'City', label: 'City', kind: 'text', maxLength: 50 },
	company: { apiName: 'Company', label: 'Company', kind: 'text', maxLength: 100 },
	countryCode: { apiName: 'CountryCode', label: 'Country Code', kind: 'text', maxLength: 20 },
	dateOfBirth: { apiName: 'DateOfBirth', label: 'Date of Birth', kind: 'date' },
	disableLogin: { apiName: 'DisableLogin', label: 'Disable Login', kind: 'boolean' },
	disablePasswordReset: { apiName: 'DisablePasswordReset', label: 'Disable Password Reset', kind: 'boolean' },
	email: { apiName: 'Email', label: 'Email', kind: 'text', maxLength: 100 },
	enableReadSpeaker: { apiName: 'EnableReadSpeaker', label: 'Enable ReadSpeaker', kind: 'boolean' },
	firstName: { apiName: 'FirstName', label: 'First Name', kind: 'text', maxLength: NAME_MAX_LENGTH },
	hierarchies: { apiName: 'Hierarchies', label: 'Hierarchies', kind: 'hierarchies' },
	labels: { apiName: 'Labels', label: 'Labels', kind: 'textList' },
	lastName: { apiName: 'LastName', label: 'Last Name', kind: 'text', maxLength: NAME_MAX_LENGTH },
	newExternalId: { apiName: 'ExternalId', label: 'New External ID', kind: 'text', maxLength: EXTERNAL_ID_MAX_LENGTH },
	phoneNumber: { apiName: 'PhoneNumber', label: 'Phone Number', kind: 'text', maxLength: 50 },
	photo: { apiName: 'Photo', label: 'Photo URL', kind: 'text', maxLength: 500 },
	postalAddress: { apiName: 'PostalAddress', label: 'Postal Address', kind: 'text', maxLength: 500 },
	postalCode: { apiName: 'PostalCode', label: 'Postal Code', kind: 'text', maxLength: 50 },
	reasonableAdjustmentPercentage: {
		apiName: 'ReasonableAdjustmentPercentage',
		label: 'Reasonable Adjustment Percentage',
		kind: 'percentage',
	},
	role: { apiName: 'Role', label: 'Role', kind: 'text', maxLength: 500 },
	specialNeeds: { apiName: 'SpecialNeeds', label: 'Special Needs', kind: 'boolean' },
	state: { apiName: 'State', label: 'State', kind: 'text', maxLength: 50 },
	userName: { apiName: 'UserName', label: 'Username', kind: 'text', maxLength: 50 },
};

/** Update's explicit way to empty a list: an empty list field is never sent. */
export const LISTS_TO_CLEAR = { name: 'listsToClear', label: 'Lists to Clear', lists: ['allowedIpAddresses', 'hierarchies', 'labels'] };

/** A hierarchy entry's fields (the group's Group External ID and the user's rights there). */
const HIERARCHY_FIELDS: Readonly<Record<string, { apiName: string; label: string }>> = {
	externalId: { apiName: 'ExternalId', label: 'Group External ID' },
	isCoordinator: { apiName: 'IsCoordinator', label: 'Is Coordinator' },
	isAdministrator: { apiName: 'IsAdministrator', label: 'Is Administrator' },
	hasViewReportsPermissions: { apiName: 'HasViewReportsPermissions', label: 'Has View Reports Permissions' },
	hasReScoringPermissions: { apiName: 'HasReScoringPermissions', label: 'Has Re-Scoring Permissions' },
};

const FIELDS_BY_API_NAME = new Map(Object.values(USER_FIELDS).map((field) => [field.apiName, field]));

/**
 * Turns the node's field values into the API body, validated: lengths, dates, percentages, lists.
 * Nothing empty is sent, so no field is blanked by accident: text left empty, a list that resolves to
 * no entry and Hierarchies without a group are left out. A list is emptied only by Lists to Clear.
 */
export function toApiUserFields(node: INode, itemIndex: number, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		if (name === LISTS_TO_CLEAR.name) continue;
		const field = Object.prototype.hasOwnProperty.call(USER_FIELDS, name) ? USER_FIELDS[name] : undefined;
		if (!field) throw invalidInput(node, itemIndex, name, 'is not a Cirrus user field');
		const sent = toApiValue(node, itemIndex, name, field, value);
		if (sent !== undefined) body[field.apiName] = sent;
	}
	for (const name of toEntries(fields[LISTS_TO_CLEAR.name])) {
		if (typeof name !== 'string' || !LISTS_TO_CLEAR.lists.includes(name)) {
			throw invalidInput(node, itemIndex, LISTS_TO_CLEAR.label, `has an unknown list ${JSON.stringify(name)}`);
		}
		const list = USER_FIELDS[name];
		if (body[list.apiName] !== undefined) {
			throw invalidInput(node, itemIndex, list.label, `is given and also chosen in ${LISTS_TO_CLEAR.label}: keep one of the two`);
		}
		body[list.apiName] = [];
	}
	return body;
}

/** One field's value as the API takes it, or undefined when nothing is to be sent. */
function toApiValue(node: INode, itemIndex: number, name: string, field: UserField, value: unknown): unknown {
	if (value === undefined || value === null) return undefined;
	switch (field.kind) {
		case 'boolean':
			return toBoolean(node, itemIndex, field.label, value);
		case 'percentage':
			return toBoundedInteger(node, itemIndex, field.label, value, 0, 100);
		case 'date':
			return value === '' ? undefined : toIsoDate(node, itemIndex, field.label, value);
		case 'textList': {
			const list = toTextList(node, itemIndex, field.label, value, field.maxLength);
			return list.length > 0 ? list : undefined;
		}
		case 'hierarchies': {
			const groups = toApiHierarchies(node, itemIndex, value);
			return groups.length > 0 ? groups : undefined;
		}
		default: {
			const text = toText(node, itemIndex, field.label, value);
			if (text === '') {
				if (name === 'newExternalId') throw invalidInput(node, itemIndex, field.label, 'cannot be empty');
				return undefined;
			}
			checkMaxLength(node, itemIndex, field.label, text, field.maxLength);
			return text;
		}
	}
}

function toApiHierarchies(node: INode, itemIndex: number, value: unknown): IDataObject[] {
	const groups = toEntries(Array.isArray(value) ? value : (value as IDataObject)?.group);
	return groups.map((group, position) => {
		if (typeof group !== 'object' || group === null) {
			throw invalidInput(node, itemIndex, 'Hierarchies', `must be a list of groups (got ${JSON.stringify(group)})`);
		}
		const entry: IDataObject = {};
		for (const [name, { apiName, label }] of Object.entries(HIERARCHY_FIELDS)) {
			const raw = (group as IDataObject)[name] ?? (group as IDataObject)[apiName];
			const where = `Hierarchies → Group ${position + 1} → ${label}`;
			entry[apiName] =
				name === 'externalId'
					? requireText(node, itemIndex, where, raw, EXTERNAL_ID_MAX_LENGTH)
					: raw === undefined
						? false
						: toBoolean(node, itemIndex, where, raw);
		}
		return entry;
	});
}

/**
 * ReasonableAdjustmentPercentage is only allowed with SpecialNeeds on: setting the percentage turns
 * Special Needs on, and a percentage with Special Needs turned off is refused before any request.
 */
export function applySpecialNeedsRule(node: INode, itemIndex: number, body: IDataObject): void {
	if (body.ReasonableAdjustmentPercentage === undefined) return;
	if (body.SpecialNeeds === false) {
		throw invalidInput(
			node,
			itemIndex,
			'Reasonable Adjustment Percentage',
			'is only allowed with Special Needs on: remove Special Needs, or turn it on',
		);
	}
	body.SpecialNeeds = true;
}

/**
 * The API names of the fields in `wanted` (a request body) whose values `current` (a user as GET
 * returns it) does not hold. Dates compare by their digits, lists and hierarchies without regard to
 * order, and a hierarchy's read-only GroupTitle / GroupPath are ignored.
 */
export function differingFields(wanted: IDataObject, current: IDataObject): string[] {
	return Object.keys(wanted).filter((apiName) => !holdsValue(FIELDS_BY_API_NAME.get(apiName)?.kind ?? 'text', wanted[apiName], current[apiName]));
}

function holdsValue(kind: FieldKind, wanted: unknown, current: unknown): boolean {
	switch (kind) {
		case 'boolean':
			return (current === true || current === 'true') === wanted;
		case 'percentage':
			return current !== undefined && current !== null && Number(current) === wanted;
		case 'date':
			return String(current ?? '').replace(/\D/g, '').slice(0, 8) === String(wanted).replace(/\D/g, '');
		case 'textList':
			return sameSet(asList(wanted).map(String), asList(current).map(String));
		case 'hierarchies':
			return sameSet(asList(wanted).map(hierarchyKey), asList(current).map(hierarchyKey));
		default:
			return (typeof current === 'number' ? String(current) : current ?? '') === wanted;
	}
}

function asList(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

function hierarchyKey(entry: unknown): string {
	const group = (entry ?? {}) as IDataObject;
	return JSON.stringify(Object.values(HIERARCHY_FIELDS).map(({ apiName }) => (apiName === 'ExternalId' ? String(group[apiName] ?? '') : group[apiName] === true)));
}

function sameSet(left: string[], right: string[]): boolean {
	if (left.length !== right.length) return false;
	const sortedRight = [...right].sort();
	return [...left].sort().every((value, index) => value === sortedRight[index]);
}
