import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { invalidInput, toText } from '../../../shared/validation';
import { ISO_COUNTRY_CODES } from './countryCodes';

/**
 * The one table of KMI Learning's writable user fields (../shared/api/kmi.md, "User object"). The node
 * uses the API's own camelCase names, so the table holds labels and validation only.
 */
type FieldKind = 'text' | 'email' | 'usState' | 'country';

interface UserFieldSpec {
	name: string;
	displayName: string;
	kind: FieldKind;
	placeholder?: string;
	description?: string;
}

/** Sent in every create and every update: the API requires them in a PUT. */
export const REQUIRED_FIELDS: UserFieldSpec[] = [
	{ name: 'email', displayName: 'Email', kind: 'email', placeholder: 'name@email.com' },
	{ name: 'firstName', displayName: 'First Name', kind: 'text' },
	{ name: 'lastName', displayName: 'Last Name', kind: 'text' },
	{
		name: 'loginName',
		displayName: 'Login Name',
		kind: 'text',
		description: 'The name the user signs in to the LMS with',
	},
];

const OPTIONAL_FIELDS: UserFieldSpec[] = [
	{ name: 'address', displayName: 'Address', kind: 'text' },
	{ name: 'address2', displayName: 'Address Line 2', kind: 'text' },
	{ name: 'city', displayName: 'City', kind: 'text' },
	{
		name: 'country',
		displayName: 'Country',
		kind: 'country',
		placeholder: 'US',
		description: 'Two-letter ISO 3166-1 code, e.g. US, GB, DE',
	},
	{
		name: 'state',
		displayName: 'State',
		kind: 'usState',
		placeholder: 'NY',
		description: 'Two-letter US state code',
	},
	{ name: 'zip', displayName: 'ZIP Code', kind: 'text' },
];

const ALL_FIELDS = [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS];
const SPECS_BY_NAME = new Map(ALL_FIELDS.map((spec) => [spec.name, spec]));

/**
 * Fields of a user the LMS sets itself (assumed where ../shared/api/kmi.md says so): never sent back.
 * Every other field a read returns is carried into a PUT, since KMI's PUT replaces the whole user.
 */
export const READ_ONLY_FIELDS: readonly string[] = ['id', 'createdDate', 'updatedDate'];

function toProperty(spec: UserFieldSpec, required = false): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'string',
		default: '',
		...(required ? { required: true } : {}),
		...(spec.placeholder ? { placeholder: `e.g. ${spec.placeholder}` } : {}),
		...(spec.description ? { description: spec.description } : {}),
	};
}

/** Create's top-level required fields. */
export const requiredFieldProperties: INodeProperties[] = REQUIRED_FIELDS.map((spec) => toProperty(spec, true));

/** Create's "Additional Fields". */
export const additionalFieldProperties: INodeProperties[] = OPTIONAL_FIELDS.map((spec) => toProperty(spec));

/** Update's "Update Fields": every writable field. */
export const updateFieldProperties: INodeProperties[] = [...ALL_FIELDS]
	.sort((a, b) => a.displayName.localeCompare(b.displayName))
	.map((spec) => toProperty(spec));

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Turns field values into the API body, validated and trimmed; codes are upper-cased. Empty values
 * are left out, so an update never blanks a field by accident.
 */
export function toApiUserFields(node: INode, itemIndex: number, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		const spec = SPECS_BY_NAME.get(name);
		if (!spec) throw invalidInput(node, itemIndex, name, 'is not a KMI Learning user field');
		const text = toText(node, itemIndex, spec.displayName, value);
		if (text === '') continue;
		body[name] = checked(node, itemIndex, spec, text);
	}
	return body;
}

function checked(node: INode, itemIndex: number, spec: UserFieldSpec, text: string): string {
	const label = spec.displayName;
	switch (spec.kind) {
		case 'email':
			if (!EMAIL_PATTERN.test(text)) throw invalidInput(node, itemIndex, label, `must be an email address (got "${text}")`);
			return text;
		case 'country': {
			const code = text.toUpperCase();
			if (!ISO_COUNTRY_CODES.has(code)) {
				throw invalidInput(
					node,
					itemIndex,
					label,
					`must be a two-letter ISO 3166-1 country code such as US, GB or DE (got "${text}")`,
				);
			}
			return code;
		}
		case 'usState': {
			const code = text.toUpperCase();
			if (!/^[A-Z]{2}$/.test(code)) {
				throw invalidInput(node, itemIndex, label, `must be a two-letter US state code such as NY (got "${text}")`);
			}
			return code;
		}
		default:
			return text;
	}
}

/** Every field a user record holds except the read-only ones, as the LMS returned them. */
export function writableValuesOf(user: IDataObject): IDataObject {
	const values: IDataObject = {};
	for (const [name, value] of Object.entries(user)) if (!READ_ONLY_FIELDS.includes(name)) values[name] = value;
	return values;
}

/** Names the required fields a PUT body lacks, as the user sees them. */
export function missingRequiredFields(body: IDataObject): string[] {
	return REQUIRED_FIELDS.filter((spec) => body[spec.name] === undefined).map((spec) => spec.displayName);
}

/** The names of the fields in `wanted` (a request body) whose values `current` (a user as read) does not hold. */
export function differingFields(wanted: IDataObject, current: IDataObject): string[] {
	return Object.keys(wanted).filter((name) => String(current[name] ?? '') !== String(wanted[name] ?? ''));
}
