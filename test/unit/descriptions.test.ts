// The fields the editor shows are literals (so that n8n's lint rules see them); the field tables hold
// their API names, types and limits. These tests keep the two in step, and keep what an AI agent
// receives within n8n's limits.
import type { INodeProperties, INodeType } from 'n8n-workflow';

import { USER_FIELDS as CIRRUS_FIELDS } from '../../nodes/CirrusAssessment/actions/user/userFields';
import { CirrusAssessment } from '../../nodes/CirrusAssessment/CirrusAssessment.node';
import { USER_FIELDS as KMI_FIELDS } from '../../packages/n8n-nodes-kmi-learning/nodes/KmiLearning/actions/user/userFields';
import { KmiLearning } from '../../packages/n8n-nodes-kmi-learning/nodes/KmiLearning/KmiLearning.node';

/** Parameters that steer the node rather than carry a user field. */
const NOT_USER_FIELDS = new Set([
	'resource',
	'operation',
	'externalId',
	'options',
	'softDeleteNotice',
	'additionalFields',
	'updateFields',
	'listsToClear',
	'fieldsNotGiven',
	'returnAll',
	'limit',
	'filters',
]);

/** Every user field shown, as [name, displayName], top level and inside Additional / Update Fields. */
function shownUserFields(node: INodeType): Array<[string, string]> {
	const shown: Array<[string, string]> = [];
	const visit = (properties: INodeProperties[]) => {
		for (const property of properties) {
			if (!NOT_USER_FIELDS.has(property.name)) shown.push([property.name, property.displayName]);
			if (property.name === 'additionalFields' || property.name === 'updateFields') visit(property.options as INodeProperties[]);
		}
	};
	visit(node.description.properties);
	return shown;
}

describe.each([
	['Cirrus Assessment', new CirrusAssessment(), CIRRUS_FIELDS as Record<string, { label: string }>],
	['KMI Learning', new KmiLearning(), KMI_FIELDS as Record<string, { label: string }>],
])('%s', (_vendor, node, table) => {
	test('every user field shown is in the field table, under the label the editor shows', () => {
		for (const [name, displayName] of shownUserFields(node)) {
			expect([name, table[name]?.label]).toEqual([name, displayName]);
		}
	});

	test('every field of the table is shown somewhere', () => {
		const shown = new Set(shownUserFields(node).map(([name]) => name));
		expect(Object.keys(table).filter((name) => !shown.has(name))).toEqual([]);
	});

	test('tool names stay within 64 characters and every action names what it works on', () => {
		const operation = node.description.properties.find((property) => property.name === 'operation');
		for (const option of (operation?.options ?? []) as Array<{ action: string }>) {
			// n8n names a tool node "<action> in <display name>" and derives the tool name from it.
			const toolName = `${option.action} in ${node.description.defaults.name}`.replace(/[^a-zA-Z0-9_-]+/g, '_');
			expect([option.action, toolName.length <= 64]).toEqual([option.action, true]);
			expect(option.action).toMatch(/user/);
		}
	});

	test("each operation's Options collection starts with the operation's own options (in A–Z order from five on, as n8n's lint wants)", () => {
		const shared = ['maxConcurrentRequests', 'requestTimeout', 'retries'];
		for (const options of node.description.properties.filter((property) => property.name === 'options')) {
			const listed = options.options as INodeProperties[];
			const names = listed.map((option) => option.name);
			if (listed.length >= 5) {
				const displayNames = listed.map((option) => option.displayName);
				expect(displayNames).toEqual([...displayNames].sort((a, b) => a.localeCompare(b)));
			} else {
				expect(names.slice(-3)).toEqual(shared);
			}
		}
	});
});

test('Cirrus and KMI actions differ, so the two nodes in one workflow get different names', () => {
	const actions = (node: INodeType) =>
		((node.description.properties.find((property) => property.name === 'operation')?.options ?? []) as Array<{ action: string }>).map(
			(option) => option.action,
		);
	const cirrus = actions(new CirrusAssessment());
	expect(actions(new KmiLearning()).filter((action) => cirrus.includes(action))).toEqual([]);
});

/** Every property the editor can show, nested ones included (collections, fixed collections). */
function allProperties(node: INodeType): INodeProperties[] {
	const found: INodeProperties[] = [];
	const visit = (properties: unknown[]) => {
		for (const property of properties as Array<INodeProperties & { values?: unknown[] }>) {
			if (property.displayName !== undefined && property.type !== undefined) found.push(property);
			if (Array.isArray(property.options) && property.type !== 'options' && property.type !== 'multiOptions') visit(property.options);
			if (Array.isArray(property.values)) visit(property.values);
		}
	};
	visit(node.description.properties);
	return found;
}

test("the editor's wording is one and the same (issue 12, defects 6, 7 and 9)", () => {
	const cirrus = allProperties(new CirrusAssessment());
	const kmi = allProperties(new KmiLearning());
	const text = (property: INodeProperties) => [property.displayName, property.description, property.hint, property.placeholder].join(' ');
	// 6: each list field of Update says that what is sent replaces the user's whole list.
	const updateFields = new CirrusAssessment().description.properties.find((property) => property.name === 'updateFields');
	for (const name of ['labels', 'allowedIpAddresses', 'hierarchies']) {
		const field = (updateFields?.options as INodeProperties[]).find((option) => option.name === name);
		expect([name, field?.description]).toEqual([name, expect.stringMatching(/What is sent replaces (the user's whole list|all of the user's (labels|groups))/)]);
	}
	// 7: one name for the read-back option, "user" not "record", no Organisation ID, no language-code placeholder.
	const readBack = [...cirrus, ...kmi].filter((property) => property.name === 'readBack');
	expect(readBack.length).toBeGreaterThan(0);
	for (const property of readBack) expect(property.displayName).toBe('Read Back User');
	for (const property of [...cirrus, ...kmi]) {
		expect([property.name, text(property)]).toEqual([property.name, expect.not.stringMatching(/\brecord\b|Organisation ID/i)]);
	}
	const countryCode = cirrus.find((property) => property.name === 'countryCode');
	expect(countryCode?.placeholder).not.toMatch(/\bEN\b/);
	// 8: Request Timeout shows its unit.
	for (const property of [...cirrus, ...kmi].filter((option) => option.name === 'requestTimeout')) {
		expect(property.displayName).toBe('Request Timeout (Seconds)');
	}
	// 9: Email is a field of its own on Create, and Date of Birth is typed as text (no date-time picker).
	const create = new CirrusAssessment().description.properties.filter((property) => property.displayOptions?.show?.operation?.includes('create'));
	expect(create.map((property) => property.name)).toContain('email');
	for (const property of cirrus.filter((option) => option.name === 'dateOfBirth')) expect(property.type).toBe('string');
});
