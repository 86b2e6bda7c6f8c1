import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Validation failures name the item (1-based, as n8n's UI counts) and the field, before any request. */
export function invalidInput(node: INode, itemIndex: number, field: string, problem: string): NodeOperationError {
	return new NodeOperationError(node, `Item ${itemIndex + 1}: ${field} ${problem}`, {
		itemIndex,
		description: `Fix "${field}" in the node's parameters or in the input item, then run the node again.`,
	});
}

/*
 * One coercion of parameter values for both nodes. A value may be what the editor stores or whatever an
 * expression gives:
 * - text: a string (trimmed) or a number (its decimal string); objects, lists and booleans are refused;
 * - lists: an array is the list, and an entry that is itself an array is spread into it (one entry per
 *   expression); a single value is one entry; empty entries are dropped;
 * - yes/no: true / false, or the texts "true" / "false".
 */

function describeValue(value: unknown): string {
	if (typeof value === 'boolean') return `the boolean ${value}`;
	const json = JSON.stringify(value) ?? String(value);
	const shown = json.length > 60 ? `${json.slice(0, 60)}…` : json;
	if (Array.isArray(value)) return `a list: ${shown}`;
	if (typeof value === 'object' && value !== null) return `an object: ${shown}`;
	return shown;
}

/** Text from a text field, trimmed; '' when nothing is given. */
export function toText(node: INode, itemIndex: number, field: string, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw invalidInput(node, itemIndex, field, `must be text or a number (got ${describeValue(value)})`);
}

/** A required text value; empty and whitespace-only values are refused. */
export function requireText(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	maxLength?: number,
): string {
	const text = toText(node, itemIndex, field, value);
	if (text === '') throw invalidInput(node, itemIndex, field, 'is required and cannot be empty');
	checkMaxLength(node, itemIndex, field, text, maxLength);
	return text;
}

export function checkMaxLength(
	node: INode,
	itemIndex: number,
	field: string,
	text: string,
	maxLength: number | undefined,
): void {
	if (maxLength !== undefined && text.length > maxLength) {
		throw invalidInput(
			node,
			itemIndex,
			field,
			`is ${text.length} characters long; the maximum is ${maxLength}`,
		);
	}
}

/**
 * Accepts YYYY-MM-DD, YYYYMMDD, an ISO date-time (what n8n's date picker produces) or a Date, and
 * returns YYYY-MM-DD. Impossible calendar dates (2023-02-30) are refused.
 */
export function toIsoDate(node: INode, itemIndex: number, field: string, value: unknown): string {
	const text = value instanceof Date ? value.toISOString() : String(value ?? '').trim();
	const match = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|[T ])/.exec(text);
	if (match) {
		const [, year, month, day] = match;
		const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
		if (
			date.getUTCFullYear() === Number(year) &&
			date.getUTCMonth() === Number(month) - 1 &&
			date.getUTCDate() === Number(day)
		) {
			return `${year}-${month}-${day}`;
		}
	}
	throw invalidInput(node, itemIndex, field, `must be a date as YYYY-MM-DD (got "${text}")`);
}

/** Whole number within bounds; numeric strings from expressions are accepted. */
export function toBoundedInteger(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	min: number,
	max: number,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw invalidInput(node, itemIndex, field, `must be a whole number from ${min} to ${max} (got "${String(value)}")`);
	}
	return number;
}

/** The entries of a list value: an array flattened one level, a single value as one entry. */
export function toEntries(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	return Array.isArray(value) ? value.flatMap((entry: unknown) => (Array.isArray(entry) ? entry : [entry])) : [value];
}

/** A list of texts; empty entries are dropped, so a list that resolves to nothing is []. */
export function toTextList(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	maxLength?: number,
): string[] {
	const list = toEntries(value)
		.map((entry) => toText(node, itemIndex, field, entry))
		.filter((entry) => entry !== '');
	for (const entry of list) checkMaxLength(node, itemIndex, field, entry, maxLength);
	return list;
}

export function toBoolean(node: INode, itemIndex: number, field: string, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	throw invalidInput(node, itemIndex, field, `must be true or false (got ${describeValue(value)})`);
}

/** What makes a base URL usable: http or https, and a host. */
export const HTTP_BASE_URL = /^https?:\/\/[^\s/]+/i;

/** A credential's base URL, which must be http(s); trailing slashes are dropped. Checked once per run. */
export function normaliseBaseUrl(node: INode, field: string, value: unknown): string {
	const text = String(value ?? '').trim();
	if (!HTTP_BASE_URL.test(text)) {
		throw new NodeOperationError(node, `${field} must start with http:// or https:// (got "${text}"): fix it in the credential`, {
			description: `Open the credential and correct "${field}", then run the node again.`,
		});
	}
	return text.replace(/\/+$/, '');
}

/**
 * normaliseBaseUrl's rule inside a credential's test expression, where no function of ours runs: the
 * URL trimmed, without trailing slashes, then `suffix`; or, when it is not http(s), a text that no
 * HTTP client accepts, so the test fails with "Invalid URL" before any connection.
 */
export function baseUrlTestExpression(valueExpression: string, suffix = ''): string {
	const value = `String(${valueExpression}).trim()`;
	const valid = `${value}.replace(/\\/+$/, "")${suffix ? ` + "${suffix}"` : ''}`;
	return `${HTTP_BASE_URL}.test(${value}) ? ${valid} : "Base URL must start with http:// or https://"`;
}

/**
 * A point in time as ISO 8601 UTC without milliseconds (YYYY-MM-DDThh:mm:ssZ). Accepts ISO text with
 * or without an offset (without one, and for a bare date, UTC is meant), a Date, or a Luxon DateTime
 * from an expression such as {{ $now.minus({ days: 1 }) }}.
 */
export function toUtcTimestamp(node: INode, itemIndex: number, field: string, value: unknown): string {
	const asText =
		value instanceof Date
			? value.toISOString()
			: typeof (value as { toISO?: unknown })?.toISO === 'function'
				? String((value as { toISO: () => string }).toISO())
				: String(value ?? '').trim();
	const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(asText);
	const match = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?/.exec(asText);
	const time = match ? Date.parse(hasZone ? asText : `${asText.replace(' ', 'T')}${asText.length > 10 ? '' : 'T00:00:00'}Z`) : NaN;
	if (Number.isNaN(time)) {
		throw invalidInput(node, itemIndex, field, `must be a date and time such as 2026-11-22T00:00:00Z (got "${asText}")`);
	}
	return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
