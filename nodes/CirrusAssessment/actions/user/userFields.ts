import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

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
 * The one place where the node's friendly field names meet the API's PascalCase names, types and
 * limits (../shared/api/cirrus.md, "User fields"). Create's "Additional Fields" and Update's
 * "Update Fields" are both generated from this table. SynchronizationKey is deprecated and absent.
 */
type FieldKind = 'text' | 'boolean' | 'percentage' | 'date' | 'textList' | 'hierarchies' | 'listsToClear';

interface UserFieldSpec {
	name: string;
	apiName: string;
	displayName: string;
	kind: FieldKind;
	maxLength?: number;
	description?: string;
	placeholder?: string;
}

export const EXTERNAL_ID_MAX_LENGTH = 64;
export const NAME_MAX_LENGTH = 500;

const OPTIONAL_USER_FIELDS: UserFieldSpec[] = [
	{ name: 'addressLine1', apiName: 'AddressLine1', displayName: 'Address Line 1', kind: 'text', maxLength: 500 },
	{ name: 'addressLine2', apiName: 'AddressLine2', displayName: 'Address Line 2', kind: 'text', maxLength: 500 },
	{
		name: 'allowedIpAddresses',
		apiName: 'AllowedIpAddresses',
		displayName: 'Allowed IP Addresses',
		kind: 'textList',
		description:
			"IP addresses the user may sign in from. What is sent replaces the user's whole list; an empty list is not sent (to empty it, use Lists to Clear).",
		placeholder: '203.0.113.10',
	},
	{ name: 'cellularPhone', apiName: 'CellularPhone', displayName: 'Cellular Phone', kind: 'text', maxLength: 50 },
	{ name: 'city', apiName: 'City', displayName: 'City', kind: 'text', maxLength: 50 },
	{ name: 'company', apiName: 'Company', displayName: 'Company', kind: 'text', maxLength: 100 },
	{
		name: 'countryCode',
		apiName: 'CountryCode',
		displayName: 'Country Code',
		kind: 'text',
		maxLength: 20,
		placeholder: 'EN',
	},
	{
		name: 'dateOfBirth',
		apiName: 'DateOfBirth',
		displayName: 'Date of Birth',
		kind: 'date',
		description: 'Sent to Cirrus as YYYY-MM-DD',
	},
	{
		name: 'disableLogin',
		apiName: 'DisableLogin',
		displayName: 'Disable Login',
		kind: 'boolean',
		description: 'Whether the user is prevented from signing in',
	},
	{
		name: 'disablePasswordReset',
		apiName: 'DisablePasswordReset',
		displayName: 'Disable Password Reset',
		kind: 'boolean',
		description: 'Whether the user is prevented from resetting their password',
	},
	{
		name: 'email',
		apiName: 'Email',
		displayName: 'Email',
		kind: 'text',
		maxLength: 100,
		placeholder: 'name@email.com',
	},
	{
		name: 'enableReadSpeaker',
		apiName: 'EnableReadSpeaker',
		displayName: 'Enable ReadSpeaker',
		kind: 'boolean',
		description: 'Whether ReadSpeaker text-to-speech is on for the user (only if ReadSpeaker is enabled for the tenant)',
	},
	{
		name: 'hierarchies',
		apiName: 'Hierarchies',
		displayName: 'Hierarchies',
		kind: 'hierarchies',
		description:
			"Groups (hierarchies) the user belongs to, with the rights they hold there. What is sent replaces all of the user's groups; no group is not sent (to remove them all, use Lists to Clear).",
	},
	{
		name: 'labels',
		apiName: 'Labels',
		displayName: 'Labels',
		kind: 'textList',
		description:
			"Free-text tags. What is sent replaces all of the user's labels; an empty list is not sent (to remove them all, use Lists to Clear).",
		placeholder: 'cohort-2026',
	},
	{ name: 'phoneNumber', apiName: 'PhoneNumber', displayName: 'Phone Number', kind: 'text', maxLength: 50 },
	{
		name: 'photo',
		apiName: 'Photo',
		displayName: 'Photo URL',
		kind: 'text',
		maxLength: 500,
		placeholder: 'https://example.com/photo.jpg',
	},
	{ name: 'postalAddress', apiName: 'PostalAddress', displayName: 'Postal Address', kind: 'text', maxLength: 500 },
	{ name: 'postalCode', apiName: 'PostalCode', displayName: 'Postal Code', kind: 'text', maxLength: 50 },
	{
		name: 'reasonableAdjustmentPercentage',
		apiName: 'ReasonableAdjustmentPercentage',
		displayName: 'Reasonable Adjustment Percentage',
		kind: 'percentage',
		description: 'Extra exam time in percent (0–100). Only allowed together with Special Needs turned on.',
	},
	{
		name: 'role',
		apiName: 'Role',
		displayName: 'Role',
		kind: 'text',
		maxLength: 500,
		description: 'The title of an existing Cirrus role',
	},
	{
		name: 'specialNeeds',
		apiName: 'SpecialNeeds',
		displayName: 'Special Needs',
		kind: 'boolean',
		description: 'Whether the user gets extra exam time',
	},
	{ name: 'state', apiName: 'State', displayName: 'State', kind: 'text', maxLength: 50 },
	{
		name: 'userName',
		apiName: 'UserName',
		displayName: 'Username',
		kind: 'text',
		maxLength: 50,
		description: 'The login name',
	},
];

const NAME_FIELDS: UserFieldSpec[] = [
	{ name: 'firstName', apiName: 'FirstName', displayName: 'First Name', kind: 'text', maxLength: NAME_MAX_LENGTH },
	{ name: 'lastName', apiName: 'LastName', displayName: 'Last Name', kind: 'text', maxLength: NAME_MAX_LENGTH },
];

const NEW_EXTERNAL_ID_FIELD: UserFieldSpec = {
	name: 'newExternalId',
	apiName: 'ExternalId',
	displayName: 'New External ID',
	kind: 'text',
	maxLength: EXTERNAL_ID_MAX_LENGTH,
	description: 'Renames the user: their ID in Cirrus becomes this value',
};

/** Update only: the explicit way to empty a list, since an empty list field is never sent. */
const LISTS_TO_CLEAR_FIELD: UserFieldSpec = {
	name: 'listsToClear',
	apiName: '',
	displayName: 'Lists to Clear',
	kind: 'listsToClear',
	description: 'Lists to empty in Cirrus: every label, allowed IP address or group of the user is removed',
};

const CLEARABLE_LISTS = OPTIONAL_USER_FIELDS.filter((spec) => spec.kind === 'textList' || spec.kind === 'hierarchies');

const HIERARCHY_VALUES: INodeProperties[] = [
	{
		displayName: 'Group External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		required: true,
		description: 'The Organisation ID of the group in Cirrus',
	},
	{
		displayName: 'Has Re-Scoring Permissions',
		name: 'hasReScoringPermissions',
		type: 'boolean',
		default: false,
		description: 'Whether the user may re-score in this group',
	},
	{
		displayName: 'Has View Reports Permissions',
		name: 'hasViewReportsPermissions',
		type: 'boolean',
		default: false,
		description: 'Whether the user may view reports of this group',
	},
	{
		displayName: 'Is Administrator',
		name: 'isAdministrator',
		type: 'boolean',
		default: false,
		description: 'Whether the user administers this group',
	},
	{
		displayName: 'Is Coordinator',
		name: 'isCoordinator',
		type: 'boolean',
		default: false,
		description: 'Whether the user coordinates this group',
	},
];

const HIERARCHY_API_NAMES: Record<string, string> = {
	externalId: 'ExternalId',
	isCoordinator: 'IsCoordinator',
	isAdministrator: 'IsAdministrator',
	hasViewReportsPermissions: 'HasViewReportsPermissions',
	hasReScoringPermissions: 'HasReScoringPermissions',
};

function toProperty(spec: UserFieldSpec): INodeProperties {
	const base = {
		displayName: spec.displayName,
		name: spec.name,
		description: spec.description,
		placeholder: spec.placeholder,
	};
	switch (spec.kind) {
		case 'boolean':
			return { ...base, type: 'boolean', default: false };
		case 'percentage':
			return { ...base, type: 'number', typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 0 }, default: 0 };
		case 'date':
			return { ...base, type: 'dateTime', default: '' };
		case 'textList':
			return { ...base, type: 'string', typeOptions: { multipleValues: true }, default: [] };
		case 'listsToClear':
			return {
				...base,
				type: 'multiOptions',
				default: [],
				options: CLEARABLE_LISTS.map((list) => ({ name: list.displayName, value: list.name })),
			};
		case 'hierarchies':
			return {
				...base,
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Group',
				default: {},
				options: [{ displayName: 'Group', name: 'group', values: HIERARCHY_VALUES }],
			};
		default:
			return { ...base, type: 'string', default: '' };
	}
}

/** Create's "Additional Fields": every optional documented field. */
export const createAdditionalFields: INodeProperties[] = OPTIONAL_USER_FIELDS.map(toProperty);

/** Update's "Update Fields": names and the optional fields, a new External ID to rename, and Lists to Clear. */
export const updateFields: INodeProperties[] = [...NAME_FIELDS, NEW_EXTERNAL_ID_FIELD, LISTS_TO_CLEAR_FIELD, ...OPTIONAL_USER_FIELDS]
	.sort((a, b) => a.displayName.localeCompare(b.displayName))
	.map(toProperty);

const SPECS_BY_NAME = new Map(
	[...NAME_FIELDS, NEW_EXTERNAL_ID_FIELD, LISTS_TO_CLEAR_FIELD, ...OPTIONAL_USER_FIELDS].map((spec) => [spec.name, spec]),
);

/**
 * Turns the node's field values into the API body, validated: lengths, dates, percentages, lists.
 * Nothing empty is sent, so no field is blanked by accident: text left empty, a list that resolves to
 * no entry and Hierarchies without a group are left out. A list is emptied only by Lists to Clear.
 */
export function toApiUserFields(node: INode, itemIndex: number, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		const spec = SPECS_BY_NAME.get(name);
		if (!spec) throw invalidInput(node, itemIndex, name, 'is not a Cirrus user field');
		if (value === undefined || value === null || spec.kind === 'listsToClear') continue;
		const label = spec.displayName;
		switch (spec.kind) {
			case 'boolean':
				body[spec.apiName] = toBoolean(node, itemIndex, label, value);
				break;
			case 'percentage':
				body[spec.apiName] = toBoundedInteger(node, itemIndex, label, value, 0, 100);
				break;
			case 'date':
				if (value === '') continue;
				body[spec.apiName] = toIsoDate(node, itemIndex, label, value);
				break;
			case 'textList': {
				const list = toTextList(node, itemIndex, label, value, spec.maxLength);
				if (list.length > 0) body[spec.apiName] = list;
				break;
			}
			case 'hierarchies': {
				const groups = toApiHierarchies(node, itemIndex, value);
				if (groups.length > 0) body[spec.apiName] = groups;
				break;
			}
			default: {
				const text = toText(node, itemIndex, label, value);
				if (text === '') {
					if (spec.name === 'newExternalId') throw invalidInput(node, itemIndex, label, 'cannot be empty');
					continue;
				}
				checkMaxLength(node, itemIndex, label, text, spec.maxLength);
				body[spec.apiName] = text;
			}
		}
	}
	for (const name of toEntries(fields.listsToClear)) {
		const list = CLEARABLE_LISTS.find((spec) => spec.name === name);
		if (!list) throw invalidInput(node, itemIndex, LISTS_TO_CLEAR_FIELD.displayName, `has an unknown list "${String(name)}"`);
		if (body[list.apiName] !== undefined) {
			throw invalidInput(node, itemIndex, list.displayName, `is given and also chosen in ${LISTS_TO_CLEAR_FIELD.displayName}: keep one of the two`);
		}
		body[list.apiName] = [];
	}
	return body;
}

function toApiHierarchies(node: INode, itemIndex: number, value: unknown): IDataObject[] {
	const groups = toEntries(Array.isArray(value) ? value : (value as IDataObject)?.group);
	return groups.map((group, position) => {
		if (typeof group !== 'object' || group === null) {
			throw invalidInput(node, itemIndex, 'Hierarchies', `must be a list of groups (got ${JSON.stringify(group)})`);
		}
		const entry: IDataObject = {};
		for (const [key, apiKey] of Object.entries(HIERARCHY_API_NAMES)) {
			const raw = (group as IDataObject)[key] ?? (group as IDataObject)[apiKey];
			if (key === 'externalId') {
				entry[apiKey] = requireText(
					node,
					itemIndex,
					`Hierarchies → Group ${position + 1} → Group External ID`,
					raw,
					EXTERNAL_ID_MAX_LENGTH,
				);
			} else {
				entry[apiKey] = raw === undefined ? false : toBoolean(node, itemIndex, `Hierarchies → ${key}`, raw);
			}
		}
		return entry;
	});
}

/** ReasonableAdjustmentPercentage is only allowed with SpecialNeeds on (checked before any request). */
export function checkSpecialNeedsRule(
	node: INode,
	itemIndex: number,
	body: IDataObject,
	specialNeedsRequired: boolean,
): void {
	if (body.ReasonableAdjustmentPercentage === undefined) return;
	const specialNeeds = body.SpecialNeeds;
	if (specialNeeds === false || (specialNeedsRequired && specialNeeds !== true)) {
		throw invalidInput(
			node,
			itemIndex,
			'Reasonable Adjustment Percentage',
			'is only allowed when Special Needs is turned on: add Special Needs and turn it on',
		);
	}
}

const SPECS_BY_API_NAME = new Map(
	[...NAME_FIELDS, NEW_EXTERNAL_ID_FIELD, ...OPTIONAL_USER_FIELDS].map((spec) => [spec.apiName, spec]),
);

/**
 * The API names of the fields in `wanted` (a request body) whose values `current` (a user as GET
 * returns it) does not hold. Dates compare by their digits, lists and hierarchies without regard to
 * order, and a hierarchy's read-only GroupTitle / GroupPath are ignored.
 */
export function differingFields(wanted: IDataObject, current: IDataObject): string[] {
	return Object.keys(wanted).filter((apiName) => !holdsValue(SPECS_BY_API_NAME.get(apiName)?.kind ?? 'text', wanted[apiName], current[apiName]));
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
	return JSON.stringify([String(group.ExternalId ?? ''), ...HIERARCHY_FLAGS.map((flag) => group[flag] === true)]);
}

const HIERARCHY_FLAGS = ['IsCoordinator', 'IsAdministrator', 'HasViewReportsPermissions', 'HasReScoringPermissions'];

function sameSet(left: string[], right: string[]): boolean {
	if (left.length !== right.length) return false;
	const sortedRight = [...right].sort();
	return [...left].sort().every((value, index) => value === sortedRight[index]);
}
