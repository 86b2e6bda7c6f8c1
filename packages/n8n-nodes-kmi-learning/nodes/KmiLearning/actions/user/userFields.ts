import type { IDataObject, INode } from 'n8n-workflow';

import { invalidInput, toText } from '../../../../../../nodes/shared/validation';
import { ISO_COUNTRY_CODES } from './countryCodes';

/**
 * The one table of KMI Learning's user fields the node sets (../shared/api/kmi.md, "User object"). The
 * node uses the API's own camelCase names, so the table holds labels and validation only. The fields
 * the editor shows are literals in descriptions.ts and update.operation.ts; test/unit/descriptions.test.ts
 * checks that every one of them is here under its own label.
 */
type FieldKind = 'text' | 'email' | 'usState' | 'country';

interface UserField {
	/** The field's displayName, for error messages. */
	label: string;
	kind: FieldKind;
}

export const USER_FIELDS: Readonly<Record<string, UserField>> = {
	address: { label: 'Address', kind: 'text' },
	address2: { label: 'Address Line 2', kind: 'text' },
	city: { label: 'City', kind: 'text' },
	country: { label: 'Country', kind: 'country' },
	email: { label: 'Email', kind: 'email' },
	firstName: { label: 'First Name', kind: 'text' },
	lastName: { label: 'Last Name', kind: 'text' },
	loginName: { label: 'Login Name', kind: 'text' },
	state: { label: 'State', kind: 'usState' },
	zip: { label: 'ZIP Code', kind: 'text' },
};

/** Sent in every create and every update: the API requires them in a PUT. */
export const REQUIRED_FIELDS: readonly string[] = ['email', 'firstName', 'lastName', 'loginName'];

/**
 * Fields of a user the LMS sets itself (assumed where ../shared/api/kmi.md says so): never sent back.
 * Every other field a read returns is carried into a PUT, since KMI's PUT replaces the whole user.
 */
export const READ_ONLY_FIELDS: readonly string[] = ['id', 'createdDate', 'updatedDate'];

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Turns field values into the API body, validated and trimmed; codes are upper-cased. Empty values
 * are left out, so an update never blanks a field by accident.
 */
export function toApiUserFields(node: INode, itemIndex: number, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		const spec = Object.prototype.hasOwnProperty.call(USER_FIELDS, name) ? USER_FIELDS[name] : undefined;
		if (!spec) throw invalidInput(node, itemIndex, name, 'is not a KMI Learning user field');
		const text = toText(node, itemIndex, spec.label, value);
		if (text === '') continue;
		body[name] = checked(node, itemIndex, spec, text);
	}
	return body;
}

function checked(node: INode, itemIndex: number, spec: UserField, text: string): string {
	const label = spec.label;
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
	return REQUIRED_FIELDS.filter((name) => body[name] === undefined || body[name] === '').map((name) => USER_FIELDS[name].label);
}

/** The names of the fields in `wanted` (a request body) whose values `current` (a user as read) does not hold. */
export function differingFields(wanted: IDataObject, current: IDataObject): string[] {
	return Object.keys(wanted).filter((name) => String(current[name] ?? '') !== String(wanted[name] ?? ''));
}
