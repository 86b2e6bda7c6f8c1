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

/**
 * Where a vendor's API lives under the Base URL a user enters: the API's path, and whether a Base URL
 * with a path of its own gets it too (an LMS under /lms) or is taken as the API's own (a Cirrus gateway).
 */
export interface ApiPathRule {
	apiPath: string;
	appendTo: 'hostOnly' | 'anyPath';
}

/**
 * The API's base URL from what a user entered: a host without a scheme is taken as https://, trailing
 * slashes are dropped, and the API's path is added unless the URL ends with it already (or, for
 * `hostOnly`, has a path of its own). Undefined when the URL is not http(s).
 */
export function toApiBaseUrl(entered: unknown, rule: ApiPathRule): string | undefined {
	const text = String(entered ?? '').trim();
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
	if (!/^https?:\/\/[^\s/]+/i.test(withScheme)) return undefined;
	const url = withScheme.replace(/\/+$/, '');
	if (url.toLowerCase().endsWith(rule.apiPath)) return url;
	return rule.appendTo === 'anyPath' || /^https?:\/\/[^/]+$/i.test(url) ? `${url}${rule.apiPath}` : url;
}

/** toApiBaseUrl for the node: a Base URL that is not http(s) stops the run with a clear error. */
export function apiBaseUrl(node: INode, field: string, entered: unknown, rule: ApiPathRule): string {
	const url = toApiBaseUrl(entered, rule);
	if (url === undefined) {
		throw new NodeOperationError(node, `${field} must be an http:// or https:// address (got "${String(entered ?? '')}"): fix it in the credential`, {
			description: `Open the credential and correct "${field}", then run the node again.`,
		});
	}
	return url;
}

/**
 * toApiBaseUrl inside a credential's test expression, where no function of ours runs: the same steps,
 * written out. A Base URL that is not http(s) gives a text that no HTTP client accepts, so the test
 * fails before any connection. test/unit/base-url.test.ts checks that the two agree.
 */
export function apiBaseUrlTestExpression(valueExpression: string, rule: ApiPathRule): string {
	const appendAnyPath = rule.appendTo === 'anyPath' ? 'true' : 'false';
	return (
		`((text) => { const withScheme = /^[a-z][a-z0-9+.-]*:\\/\\//i.test(text) ? text : "https://" + text; ` +
		`if (!/^https?:\\/\\/[^\\s/]+/i.test(withScheme)) return "Base URL must be an http:// or https:// address"; ` +
		`const url = withScheme.replace(/\\/+$/, ""); ` +
		`if (url.toLowerCase().endsWith("${rule.apiPath}")) return url; ` +
		`return ${appendAnyPath} || /^https?:\\/\\/[^/]+$/i.test(url) ? url + "${rule.apiPath}" : url; ` +
		`})(String(${valueExpression} ?? "").trim())`
	);
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
