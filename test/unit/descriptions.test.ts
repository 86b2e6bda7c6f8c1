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
