'use strict';
// What each lifecycle workflow (suites/lifecycle.js) must produce in real n8n, and what the fake servers must hold after it.
const assert = require('assert/strict');

const { outputOf } = require('./lib/n8n');

const json = (items) => items.map((item) => item.json);
const paired = (items) => items.map((item) => item.pairedItem);

function checkLifecycle(run, server) {
	const ids = ['E2E-1', 'grp/ä 1?x=y', 'E2E-3'];
	const created = json(outputOf(run, 'Create'));
	assert.deepEqual(created.map((user) => user.ExternalId), ids);
	assert.deepEqual(created.map((user) => user.DateOfBirth), ['1815-12-10', '1906-12-09', '1912-06-23']);
	assert.deepEqual(created[0], {
		ExternalId: 'E2E-1',
		FirstName: 'Ada',
		LastName: 'Lovelace',
		Email: 'ada@example.com',
		DateOfBirth: '1815-12-10',
		Labels: ['e2e'],
	});
	assert.deepEqual(json(outputOf(run, 'Get')), created);
	const updated = json(outputOf(run, 'Update'));
	assert.deepEqual(updated.map((user) => user.ExternalId), ['E2E-1', 'grp/ä 1?x=y', 'E2E-3-renamed']);
	assert.deepEqual(updated.map((user) => user.City), ['London', 'London', 'London']);
	assert.deepEqual(json(outputOf(run, 'Delete')), [
		{ deleted: true, externalId: 'E2E-1' },
		{ deleted: true, externalId: 'grp/ä 1?x=y' },
		{ deleted: true, externalId: 'E2E-3-renamed' },
	]);
	assert.deepEqual(json(outputOf(run, 'Get After Delete')), [{}, {}, {}]);
	for (const node of ['Create', 'Get', 'Update', 'Delete', 'Get After Delete']) {
		assert.deepEqual(paired(outputOf(run, node)), [{ item: 0 }, { item: 1 }, { item: 2 }], `pairedItem of ${node}`);
	}

	const state = server.snapshot();
	assert.deepEqual(state.users, {}, 'no live users left');
	assert.deepEqual(Object.keys(state.trash).sort(), ['E2E-1', 'E2E-3-renamed', 'grp/ä 1?x=y']);
	assert.equal(state.trash['E2E-3-renamed'].City, 'London');
	assert.equal(state.trash['grp/ä 1?x=y'].FirstName, 'Grace');
	assert.deepEqual(state.postsById, { 'E2E-1': 1, 'grp/ä 1?x=y': 1, 'E2E-3': 1 });
	// The URL-encoded ID reached the server as one path segment through n8n's own request helper.
	assert.ok(server.state.requests.some((request) => request.url === '/api/v1/integrations/user/grp%2F%C3%A4%201%3Fx%3Dy'));
}

function checkErrors(run, server) {
	const createSucceeded = outputOf(run, 'Create', 0);
	const createFailed = outputOf(run, 'Create', 1);
	assert.deepEqual(json(createSucceeded).map((user) => [user.ExternalId, user.DateOfBirth]), [
		['E2E-OK-1', '2000-01-31'],
		['E2E-OK-2', '2000-01-31'],
	]);
	assert.deepEqual(paired(createSucceeded), [{ item: 0 }, { item: 3 }]);
	// n8n 1.85 puts the input item's fields beside `error` on the error output; later lines keep the
	// node's { error } as it is. The error is what matters here.
	const errors = (items) => json(items).map((item) => item.error);
	assert.deepEqual(errors(createFailed), [
		'Item 2: First Name is required and cannot be empty',
		'Item 3: Date of Birth must be a date as YYYY-MM-DD (got "31/02/2000")',
	]);
	assert.deepEqual(paired(createFailed), [{ item: 1 }, { item: 2 }]);
	assert.equal(outputOf(run, 'Created').length, 2);
	assert.equal(outputOf(run, 'Create Failed').length, 2);

	assert.deepEqual(json(outputOf(run, 'Get', 0)).map((user) => user.ExternalId), ['E2E-EXISTING']);
	assert.deepEqual(errors(outputOf(run, 'Get', 1)), [
		'Item 2: no Cirrus user has the External ID "E2E-DOES-NOT-EXIST". Cirrus answered: User has not been found (code 202)',
	]);
	assert.deepEqual(paired(outputOf(run, 'Get', 1)), [{ item: 1 }]);
	assert.equal(outputOf(run, 'Get Failed').length, 1);

	const state = server.snapshot();
	assert.deepEqual(Object.keys(state.users).sort(), ['E2E-EXISTING', 'E2E-OK-1', 'E2E-OK-2']);
	assert.deepEqual(Object.keys(state.postsById).sort(), ['E2E-OK-1', 'E2E-OK-2'], 'bad items never reached the API');
}

function checkWrongToken(result, { token, goodToken }) {
	assert.notEqual(result.code, 0, 'a run with a wrong token must fail');
	assert.match(result.output, /Cirrus refused the API token \(HTTP 403\): Not allowed to use external API/);
	assert.ok(!result.output.includes(token), 'the wrong token appears in the output');
	assert.ok(!result.output.includes(goodToken), 'the token appears in the output');
}

function checkWebhook([first, second], server) {
	assert.equal(first.status, 200, `first POST: ${first.status} ${first.text}`);
	assert.equal(second.status, 200, `second POST: ${second.status} ${second.text}`);
	assert.equal(JSON.parse(first.text)._operation, 'created');
	const secondBody = JSON.parse(second.text);
	assert.equal(secondBody._operation, 'updated');
	assert.equal(secondBody.FirstName, 'Webhook Again');
	const state = server.snapshot();
	assert.deepEqual(Object.keys(state.users), ['E2E-HOOK-1']);
	assert.deepEqual(state.postsById, { 'E2E-HOOK-1': 1 });
}

/** Each package's nodes, and their AI-tool variants, are in n8n's node list. */
function checkToolRegistered(response, packages) {
	assert.equal(response.status, 200, `node types: HTTP ${response.status}`);
	const names = JSON.parse(response.text).map((type) => type.name);
	for (const { name, nodes } of packages) {
		for (const node of nodes) {
			assert.ok(names.includes(`${name}.${node}`), `${name}.${node} is not registered`);
			assert.ok(names.includes(`${name}.${node}Tool`), `the AI tool variant of ${name}.${node} is not registered`);
		}
	}
}

/** The KMI users the example sync must see: two changed within the day, one three days ago, one Cirrus refuses. */
function seedKmiForExample(kmi, apiKey, now = Date.now()) {
	const hoursAgo = (hours) => new Date(now - hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const learner = (externalId, firstName, lastName) => ({
		externalId,
		firstName,
		lastName,
		email: `${externalId.toLowerCase()}@example.com`,
		loginName: externalId.toLowerCase(),
	});
	kmi.seedUser(apiKey, { ...learner('K-1', 'New', 'Learner'), city: 'Leeds' }, { updatedDate: hoursAgo(1) });
	kmi.seedUser(apiKey, learner('K-2', 'Renamed', 'Learner'), { updatedDate: hoursAgo(2) });
	kmi.seedUser(apiKey, learner('K-3', 'Unchanged', 'Learner'), { updatedDate: hoursAgo(72) });
	kmi.seedUser(apiKey, learner('K-4', 'Too', 'L'.repeat(501)), { updatedDate: hoursAgo(3) });
}

/**
 * examples/kmi-changed-users-to-cirrus.json, run in n8n: what reached Cirrus, and the run failed by
 * "Report Refused Users" with the refused user's reason, after the others went through.
 */
function checkKmiExample(result, kmi, cirrus, startedAt) {
	assert.notEqual(result.code, 0, 'a refused user fails the run (Report Refused Users)');
	assert.match(result.output, /1 user\(s\) not synced to Cirrus: Item 3: Last Name is 501 characters long/);
	const listed = kmi.state.requests.filter((request) => request.path === '/api/v2/users/');
	assert.deepEqual(listed.map((request) => request.query.offset), ['0', '3'], 'one page of changed users, then an empty one');
	const since = Date.parse(listed[0].query.updatedAfter);
	assert.ok(/Z$/.test(listed[0].query.updatedAfter), `updatedAfter in UTC: ${listed[0].query.updatedAfter}`);
	assert.ok(Math.abs(since - (startedAt - 86_400_000)) < 10 * 60_000, `updatedAfter is a day ago: ${listed[0].query.updatedAfter}`);

	const { run } = result;
	const synced = json(outputOf(run, 'Create or Update in Cirrus', 0));
	assert.deepEqual(synced.map((user) => [user.ExternalId, user.FirstName, user._operation]), [
		['K-1', 'New', 'created'],
		['K-2', 'Renamed', 'updated'],
	]);
	const refused = outputOf(run, 'Create or Update in Cirrus', 1);
	assert.equal(refused.length, 1, 'one user on the error output');
	assert.match(refused[0].json.error, /^Item 3: Last Name is 501 characters long/);

	const users = cirrus.snapshot().users;
	assert.deepEqual(Object.keys(users).sort(), ['K-1', 'K-2']);
	assert.equal(users['K-1'].City, 'Leeds');
	assert.equal(users['K-1'].Email, 'k-1@example.com');
	assert.equal(users['K-1'].AddressLine1, undefined, 'empty KMI fields are not sent');
	assert.equal(users['K-2'].FirstName, 'Renamed');
}

module.exports = {
	checkLifecycle,
	checkErrors,
	checkWrongToken,
	checkWebhook,
	checkToolRegistered,
	seedKmiForExample,
	checkKmiExample,
};
