'use strict';
// Both nodes as a user meets them in the n8n editor (headless Chromium, loopback only): sign-in, the
// node creator's search (names and codex aliases), each operation's fields, the canvas subtitle, the
// credential dialog's test against the fake APIs (our own messages for a wrong token, success for the
// right one, a Cirrus Base URL given as the host only), and Get and Create executed from the node panel.
// Browser errors that mention the packages fail the suite; all are listed at the end. Screenshots of
// every step are kept as artefacts in .e2e-artifacts/editor-<line> (or $E2E_ARTIFACTS); with
// E2E_SCREENSHOTS_TO_DOCS=1, line 1 also writes the three README images into docs/. E2E_TRACE=1 prints a
// timed line per action.
//
// n8n answers /healthz and logs "n8n ready on" before its migrations ran, so n8n is started here with
// a readiness check of its own (editorReady). The line's user folder is shared with the other suites:
// an owner set up before is reset first (`n8n user-management:reset`), and the folder is left without one.
//
// Selectors (data-test-id) that differ between the lines, found by inspecting both editors:
// - closing the node panel: `back-to-canvas` (1.x), `ndv-close-button` (2.x) (lib/browser.js closeNdv);
// - a node without credentials: 1.x shows the `node-credentials-select` dropdown, whose entry
//   `node-credentials-select-item-new` opens the dialog; 2.x shows the button `node-credentials-empty-state`;
// - the credential's parameter label reads "Credential to connect with" (1.x) or "Credential" (2.x);
// - 2.x closes a new credential's dialog by itself once its test succeeded (1.x keeps it open), so the
//   success is then read again in the dialog reopened with `credential-edit-button`;
// - Escape closes the credential dialog and the node panel together on 2.x: the dialog is closed with
//   its own close button.
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');

const { startFakeCirrus } = require('../../fake-cirrus/server');
const { startFakeKmi } = require('../../fake-kmi/server');
const {
	launchBrowser,
	eventually,
	dropdownItems,
	selectOption,
	visibleParameterLabels,
	nodeCreatorItems,
	closeNdv,
	collectBrowserErrors,
} = require('../lib/browser');
const { setUpOwner } = require('../lib/n8n');
const { ROOT } = require('../lib/packages');
const { httpRequest, waitFor } = require('../lib/processes');

const OWNER = { email: 'e2e-editor@example.com', firstName: 'Editor', lastName: 'Owner', password: 'E2e-editor-password-1' };
const CIRRUS_TOKEN = 'e2e-editor-token-8f7e6d5c';
const CIRRUS_WRONG_TOKEN = 'e2e-editor-WRONG-token-1a2b';
const KMI_KEY = 'e2e0ed17-5555-4666-8777-b88899990000';
const KMI_SECRET = 'e2e-editor-secret-4d3c2b';
const KMI_WRONG_SECRET = 'e2e-editor-WRONG-secret-9f8e';

const CIRRUS = 'Cirrus Assessment';
const KMI = 'KMI Learning';
const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
const CIRRUS_PROBE_PATH = '/api/v1/integrations/user/n8n-credential-test-probe';

/** What each search in the node creator must find (names; codex aliases for the task words). */
const SEARCHES = [
	{ query: 'Cirrus', finds: [CIRRUS], notFinds: [KMI] },
	{ query: 'KMI', finds: [KMI], notFinds: [CIRRUS] },
	{ query: 'user', finds: [CIRRUS, KMI] },
	{ query: 'provision', finds: [CIRRUS, KMI] },
	{ query: 'LMS', finds: [CIRRUS, KMI] },
	{ query: 'exam', finds: [CIRRUS, KMI] },
	{ query: 'assessment', finds: [CIRRUS, KMI] },
];

/**
 * Per node: the actions the node creator lists, and per operation (as the Operation dropdown names it)
 * the parameter labels shown after Resource and Operation, and the canvas subtitle.
 */
const NODES = {
	cirrus: {
		name: CIRRUS,
		type: 'n8n-nodes-cirrus-assessment.cirrusAssessment',
		actions: [
			'Create a user under a new external ID',
			'Create or update a user by external ID',
			'Soft delete a user by external ID',
			'Get a user by external ID',
			'Update a user by external ID',
		],
		operations: [
			{ operation: 'Create', labels: ['External ID', 'First Name', 'Last Name', 'Email', 'Additional Fields', 'Options'], subtitle: 'Create user' },
			{ operation: 'Create or Update', labels: ['External ID', 'First Name', 'Last Name', 'Email', 'Additional Fields', 'Options'], subtitle: 'Create or update user' },
			{ operation: 'Delete', labels: ['External ID', 'Options'], subtitle: 'Delete user', notice: 'This is a soft delete' },
			{ operation: 'Get', labels: ['External ID', 'Options'], subtitle: 'Get user' },
			{ operation: 'Update', labels: ['External ID', 'Update Fields', 'Options'], subtitle: 'Update user' },
		],
	},
	kmi: {
		name: KMI,
		type: 'n8n-nodes-kmi-learning.kmiLearning',
		actions: [
			'Create a KMI user under a new external ID',
			'Create or update a KMI user by external ID',
			'Soft delete a KMI user by external ID',
			'Get a KMI user by external ID',
			'Get many KMI users or those changed since a date',
			'Update a KMI user by external ID',
		],
		operations: [
			{ operation: 'Create', labels: ['External ID', 'Email', 'First Name', 'Last Name', 'Login Name', 'Additional Fields', 'Options'], subtitle: 'Create user' },
			{ operation: 'Create or Update', labels: ['External ID', 'Email', 'First Name', 'Last Name', 'Login Name', 'Additional Fields', 'Options'], subtitle: 'Create or update user' },
			{ operation: 'Delete', labels: ['External ID', 'Options'], subtitle: 'Delete user', notice: 'This is a soft delete' },
			{ operation: 'Get', labels: ['External ID', 'Options'], subtitle: 'Get user' },
			{ operation: 'Get Many', labels: ['Return All', 'Limit', 'Filters', 'Options'], subtitle: 'Get many users' },
			{ operation: 'Update', labels: ['External ID', 'Fields Not Given', 'Update Fields', 'Options'], subtitle: 'Update user' },
		],
	},
};

/** Browser errors that concern the packages under test (anything else is n8n's own and only listed). */
const OURS = /cirrus|kmi|n8n-nodes-(?!base\b|langchain\b)/i;
/**
 * Errors that mention the packages but are n8n's doing, listed and not failed on:
 * - the editor asks for a node's output schema (`/schemas/<type>/<version>/<resource>/<operation>.json`,
 *   served from `__schema__/v<version>/…` beside the node file) to preview a node's output before it ran;
 *   the packages ship none, so n8n answers 404, as for any node without one.
 */
const TOLERATED = [/\/schemas\/n8n-nodes-(cirrus-assessment|kmi-learning)\.[a-zA-Z]+\/[\d.]+\/user\/[a-zA-Z]+\.json/];

/** n8n answers /healthz and logs "n8n ready on" before its migrations ran; the editor is usable once it says so. */
async function editorReady(instance) {
	if (!/Editor is now accessible/.test(instance.log())) return false;
	const probe = await httpRequest('GET', `${instance.baseUrl}/healthz/readiness`).catch(() => undefined);
	return probe?.status === 200;
}

/** Whether n8n still offers the owner setup (no owner yet). */
async function ownerSetupOffered(baseUrl) {
	const answer = await httpRequest('GET', `${baseUrl}/rest/settings`);
	assert.equal(answer.status, 200, `GET /rest/settings: HTTP ${answer.status}`);
	return JSON.parse(answer.text).data.userManagement.showSetupOnFirstLoad === true;
}

module.exports = {
	name: 'editor',
	lines: ['1', '2'],
	async run({ line, folder, workDir, step }) {
		fs.mkdirSync(workDir, { recursive: true });
		// Screenshots are test artefacts: kept after the run (CI uploads the folder), one folder per line.
		const shotDir = path.join(process.env.E2E_ARTIFACTS ? path.resolve(process.env.E2E_ARTIFACTS) : path.join(ROOT, '.e2e-artifacts'), `editor-${line.key}`);
		fs.rmSync(shotDir, { recursive: true, force: true });
		fs.mkdirSync(shotDir, { recursive: true });
		const toDocs = process.env.E2E_SCREENSHOTS_TO_DOCS === '1' && line.key === '1';
		const cirrus = await startFakeCirrus({ token: CIRRUS_TOKEN });
		const kmi = await startFakeKmi({ keys: { [KMI_KEY]: KMI_SECRET } });
		cirrus.state.users.set('E2E-SEEDED-1', { ExternalId: 'E2E-SEEDED-1', FirstName: 'Seeded', LastName: 'Cirrususer', Email: 'seeded@example.com' });
		kmi.seedUser(KMI_KEY, { externalId: 'K-SEEDED-1', email: 'k-seeded@example.com', firstName: 'Seeded', lastName: 'Kmiuser', loginName: 'k.seeded' });
		let n8n;
		let browser;
		let page;
		let errors = [];
		let shotCount = 0;
		const shot = async (name) => {
			shotCount += 1;
			await page.screenshot({ path: path.join(shotDir, `${String(shotCount).padStart(2, '0')}-${name}.png`) });
		};
		/** A README image in docs/: an element (a locator), or a part of the page ({ clip }). */
		const docsShot = async (file, target) => {
			if (!toDocs) return;
			// Toasts ("Node executed successfully") would cover part of the picture.
			for (const close of await page.locator('.el-notification__closeBtn:visible').all()) await close.click().catch(() => undefined);
			await eventually('the toasts close', async () => (await page.locator('.el-notification:visible').count()) === 0).catch(() => undefined);
			fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
			const where = path.join(ROOT, 'docs', file);
			if (target.clip) await page.screenshot({ path: where, clip: target.clip });
			else await target.screenshot({ path: where });
			console.log(`    wrote docs/${file}`);
		};
		// E2E_TRACE=1: a timed line per action in the editor, to see where a slow or failed step spends its time.
		const traceStart = Date.now();
		const trace = process.env.E2E_TRACE === '1' ? (what) => console.log(`      ${((Date.now() - traceStart) / 1000).toFixed(1).padStart(6)} s  ${what}`) : () => undefined;
		const ndv = () => page.locator('[data-test-id="ndv"]');
		const modal = () => page.locator('[data-test-id="editCredential-modal"]');
		const canvasNodes = () => page.locator('[data-test-id="canvas-node"]');

		// ---- helpers that act in the editor ---------------------------------------------------------
		/** Opens the node creator: from the + on the output of the node of type `after` (the new node is connected to it), or from the canvas' + button. */
		const openNodeCreator = async (after) => {
			if (after) {
				await page.locator('.vue-flow__node').filter({ has: page.locator(`[data-node-type="${after}"]`) }).locator('[data-test-id="canvas-handle-plus"]').click();
			} else {
				await page.locator('[data-test-id="node-creator-plus-button"]').click();
			}
			await page.locator('[data-test-id="node-creator-search-bar"]').waitFor();
		};
		const search = async (query, expected) => {
			await page.locator('[data-test-id="node-creator-search-bar"]').fill(query);
			return await eventually(`node creator: "${query}" finds ${expected.join(', ')}`, async () => {
				const items = await nodeCreatorItems(page);
				return expected.every((name) => items.includes(name)) && items;
			}, { describe: async () => JSON.stringify(await nodeCreatorItems(page)) });
		};
		const expectLabels = async (what, expected) => {
			// Labels from Resource on: the credential's own label differs between the lines.
			const shown = async () => {
				const labels = await visibleParameterLabels(page);
				return labels.slice(labels.indexOf('Resource'));
			};
			await eventually(`${what}: fields ${expected.join(', ')}`, async () => {
				const labels = await shown();
				return JSON.stringify(labels) === JSON.stringify(['Resource', 'Operation', ...expected]);
			}, { describe: async () => JSON.stringify(await shown()) });
		};
		const expectSubtitle = async (node, what, subtitle) => {
			// The canvas stays rendered under the node panel; a node reads "<name>\n<subtitle>".
			const linesOf = async (locator) => (await locator.allInnerTexts()).map((text) => text.split('\n').map((entry) => entry.trim()));
			const ours = canvasNodes().and(page.locator(`[data-node-type="${node.type}"]`));
			await eventually(`${what}: the canvas subtitle reads "${subtitle}"`, async () => {
				const texts = await linesOf(ours);
				return texts.length === 1 && texts[0].includes(subtitle);
			}, { describe: async () => JSON.stringify(await linesOf(ours)) });
			for (const lines of await linesOf(canvasNodes())) {
				assert.ok(!lines.some((entry) => /^(upsert|getMany|create|update|delete|get)\b|:\s*user$/.test(entry)), `${what}: a canvas subtitle in code words: ${JSON.stringify(lines)}`);
			}
		};
		const setParameter = async (name, value) => {
			const input = page.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${name}"] input`);
			await input.fill(value);
			await eventually(`parameter ${name} holds "${value}"`, async () => (await input.inputValue()) === value);
		};
		const pickOperation = async (operation) => {
			trace(`operation: ${operation}`);
			await selectOption(page, page.locator('[data-test-id="ndv"] [data-test-id="parameter-input-operation"]'), operation);
			await eventually(`operation "${operation}" chosen`, async () => (await page.locator('[data-test-id="ndv"] [data-test-id="parameter-input-operation"] input').inputValue()) === operation);
		};
		const addNode = async (node, action, after) => {
			await openNodeCreator(after);
			await search(node.name, [node.name]);
			await page.locator('[data-test-id="item-iterator-item"]:visible').filter({ hasText: node.name }).first().click();
			const actions = await eventually(`${node.name}: the node creator lists its actions`, async () => {
				const items = await nodeCreatorItems(page);
				return node.actions.every((entry) => items.includes(entry)) && items;
			}, { describe: async () => JSON.stringify(await nodeCreatorItems(page)) });
			await shot(`${node.name.split(' ')[0].toLowerCase()}-actions`);
			await page.locator('[data-test-id="item-iterator-item"]:visible').filter({ hasText: action }).first().click();
			await ndv().waitFor();
			return actions;
		};

		// The credential dialog: save (n8n then tests the credential) and read the test's outcome.
		// Short: the dialog may close meanwhile (2.x, after a successful test), and innerText would wait for it.
		const bannerText = async () => (await modal().innerText({ timeout: 2_000 }).catch(() => '')).replace(/\s+/g, ' ');
		const saveExpectingFailure = async (what, message) => {
			trace(`save, expecting failure: ${what}`);
			await modal().locator('[data-test-id="credential-save-button"]').click();
			await eventually(`${what}: the dialog says the test failed`, async () => /Couldn.t connect with these settings/.test(await bannerText()), { limitMs: 60_000, describe: bannerText });
			// 1.x and 2.x fold the reason away under "More details".
			const more = modal().getByText('More details');
			if (await more.isVisible()) await more.click();
			await eventually(`${what}: the dialog shows "${message}"`, async () => (await bannerText()).includes(message), { describe: bannerText });
		};
		const saveExpectingSuccess = async (what) => {
			trace(`save, expecting success: ${what}`);
			await modal().locator('[data-test-id="credential-save-button"]').click();
			await eventually(`${what}: the test succeeds`, async () => !(await modal().isVisible()) || /Connection tested successfully/.test(await bannerText()), { limitMs: 60_000, describe: bannerText });
			trace(`  saved and tested: dialog ${(await modal().isVisible()) ? 'open' : 'closed'}`);
			if (!(await modal().isVisible())) {
				// 2.x closes a new credential's dialog after a successful test: read the outcome in the reopened dialog.
				await page.locator('[data-test-id="ndv"] [data-test-id="credential-edit-button"]').click();
				await modal().waitFor();
				await eventually(`${what}: the reopened dialog says the test succeeded`, async () => /Connection tested successfully/.test(await bannerText()), { limitMs: 60_000, describe: bannerText });
			}
			assert.ok(!/Couldn.t connect/.test(await bannerText()), `${what}: the dialog still shows a failure: ${await bannerText()}`);
		};
		const openNewCredential = async () => {
			trace('open a new credential');
			const emptyState = page.locator('[data-test-id="ndv"] [data-test-id="node-credentials-empty-state"]');
			if (await emptyState.isVisible()) {
				await emptyState.click(); // 2.x
			} else {
				await page.locator('[data-test-id="ndv"] [data-test-id="node-credentials-select"]').click(); // 1.x
				await page.locator('[data-test-id="node-credentials-select-item-new"]:visible').click();
			}
			await modal().waitFor();
		};
		const credentialInput = (name) => modal().locator(`[data-test-id="parameter-input-${name}"] input`);
		const closeCredentialDialog = async () => {
			trace('close the credential dialog');
			await modal().locator('[aria-label="Close this dialog"]').first().click();
			await modal().waitFor({ state: 'hidden' });
			assert.ok(await ndv().isVisible(), 'closing the credential dialog closed the node panel too');
		};
		const execute = async (what, expectedTexts) => {
			trace(`execute: ${what}`);
			await page.locator('[data-test-id="ndv"] [data-test-id="node-execute-button"]').click();
			const output = page.locator('[data-test-id="ndv"] [data-test-id="output-panel"]');
			await eventually(`${what}: the output panel shows ${expectedTexts.join(', ')}`, async () => {
				const text = await output.innerText();
				return expectedTexts.every((entry) => text.includes(entry));
			}, { limitMs: 90_000, describe: async () => (await output.innerText()).replace(/\s+/g, ' ').slice(0, 600) });
		};
		const checkOperations = async (node) => {
			for (const { operation, labels, subtitle, notice } of node.operations) {
				await pickOperation(operation);
				await expectLabels(`${node.name} ${operation}`, labels);
				if (notice) {
					await eventually(`${node.name} ${operation}: the notice "${notice}…"`, async () => (await page.locator('[data-test-id="node-parameters"]').innerText()).includes(notice));
				}
				await expectSubtitle(node, `${node.name} ${operation}`, subtitle);
				await shot(`${node.name.split(' ')[0].toLowerCase()}-${operation.toLowerCase().replace(/\W+/g, '-')}`);
			}
			// Get's Options: the operation's own option first, then those every operation has.
			await pickOperation('Get');
			await page.locator('[data-test-id="ndv"] [data-test-id="node-parameters"] input[placeholder="Add Option"]').click();
			const options = await eventually(`${node.name} Get: the Options list`, async () => {
				const items = await dropdownItems(page);
				return items.includes('Request Timeout (Seconds)') && items;
			}, { describe: async () => JSON.stringify(await dropdownItems(page)) });
			assert.equal(options[0], 'When Not Found', `${node.name} Get: Options should list "When Not Found" first: ${JSON.stringify(options)}`);
			for (const option of ['Max Concurrent Requests', 'Request Timeout (Seconds)', 'Retries']) assert.ok(options.includes(option), `${node.name} Get: no option "${option}" in ${JSON.stringify(options)}`);
			await shot(`${node.name.split(' ')[0].toLowerCase()}-get-options`);
			await page.keyboard.press('Escape'); // closes the dropdown only
			await eventually('the Options list closes', async () => (await dropdownItems(page)).length === 0);
			assert.ok(await ndv().isVisible(), 'Escape on the Options list closed the node panel');
		};

		/** Lists every browser error; returns those that mention the packages (they fail the suite). */
		const reportBrowserErrors = () => {
			// Browser errors: every one listed; those that mention the packages fail the suite, except n8n's own
			// calls off this machine (refused here) and the known, harmless ones in TOLERATED.
			const describeError = (error) => `[${error.kind}] ${error.text.replace(/\s+/g, ' ').slice(0, 300)}${error.url ? ` (${error.url})` : ''}`;
			const verdict = (error) => {
				if (error.outbound) return 'outbound';
				if (!OURS.test(`${error.text} ${error.url}`)) return 'n8n';
				return TOLERATED.some((pattern) => pattern.test(`${error.text} ${error.url}`)) ? 'tolerated' : 'OURS';
			};
			const count = (kind) => errors.filter((error) => verdict(error) === kind).length;
			console.log(
				`    browser errors: ${errors.length} (about the packages: ${count('OURS')}; tolerated: ${count('tolerated')}; ` +
					`n8n's own: ${count('n8n')}; calls off this machine, refused: ${count('outbound')}); ${shotCount} screenshots in ${shotDir}`,
			);
			for (const error of errors) console.log(`      ${verdict(error).padEnd(9)} ${describeError(error)}`);
			return errors.filter((error) => verdict(error) === 'OURS').map(describeError);
		};

		let oursErrors = [];
		try {
			await step('start n8n, set up the owner, sign in in Chromium', async () => {
				n8n = await folder.start({ ready: editorReady });
				// The user folder is shared by the line's suites: one of them may have set up an owner already.
				if (!(await ownerSetupOffered(n8n.baseUrl))) {
					trace('an owner is set up already: reset user management');
					await n8n.stop();
					n8n = undefined;
					await folder.cli(['user-management:reset']);
					n8n = await folder.start({ ready: editorReady });
				}
				trace('n8n is ready');
				await setUpOwner(n8n.baseUrl, OWNER);
				// The owner must really exist now (a setup answered while n8n still starts is lost).
				await waitFor('the owner can log in', async () => (await httpRequest('POST', `${n8n.baseUrl}/rest/login`, { emailOrLdapLoginId: OWNER.email, password: OWNER.password })).status === 200, { limitMs: 30_000 });
				trace('owner set up; launch Chromium');
				({ browser, page } = await launchBrowser());
				trace('Chromium up; sign in');
				errors = collectBrowserErrors(page);
				await page.goto(`${n8n.baseUrl}/signin`);
				await page.locator('input[name="emailOrLdapLoginId"]').fill(OWNER.email);
				await page.locator('input[name="password"]').fill(OWNER.password);
				await shot('signin');
				await page.locator('[data-test-id="form-submit-button"]').click();
				await page.waitForURL((url) => !url.pathname.includes('/signin'), { timeout: 60_000 });
				await page.goto(`${n8n.baseUrl}/workflow/new`);
				await page.locator('[data-test-id="canvas-wrapper"]').waitFor({ timeout: 90_000 });
				// An empty workflow asks for a trigger first: add a Manual Trigger.
				await openNodeCreator();
				await search('Manual Trigger', ['Manual Trigger']);
				await page.locator('[data-test-id="item-iterator-item"]:visible').filter({ hasText: 'Manual Trigger' }).first().click();
				await eventually('the Manual Trigger is on the canvas', async () => (await canvasNodes().count()) === 1);
				await closeNdv(page);
				await shot('new-workflow');
			});

			await step('node creator: search by name and by task words (codex aliases)', async () => {
				await openNodeCreator();
				for (const { query, finds, notFinds = [] } of SEARCHES) {
					const items = await search(query, finds);
					for (const name of notFinds) assert.ok(!items.includes(name), `node creator: "${query}" also lists ${name}: ${JSON.stringify(items)}`);
					await shot(`search-${query.toLowerCase()}`);
					if (query === 'provision') await docsShot('node-search.png', { clip: { x: 600, y: 0, width: 840, height: 560 } });
				}
				await page.keyboard.press('Escape');
			});

			await step('Cirrus: every operation shows its fields, subtitles in words', async () => {
				await addNode(NODES.cirrus, 'Create a user under a new external ID', MANUAL_TRIGGER);
				await checkOperations(NODES.cirrus);
			});

			await step('Cirrus: credential dialog (wrong token, right token, host-only Base URL)', async () => {
				await openNewCredential();
				await shot('cirrus-credential-new');
				await credentialInput('token').fill(CIRRUS_WRONG_TOKEN);
				await selectOption(page, modal().locator('[data-test-id="parameter-input-environment"]'), 'Custom URL');
				await credentialInput('baseUrl').fill(cirrus.baseUrl);
				await saveExpectingFailure('Cirrus, wrong token', 'Cirrus refused the token (HTTP 403: Not allowed to use external API)');
				await shot('cirrus-credential-wrong-token');
				await credentialInput('token').fill(CIRRUS_TOKEN);
				await saveExpectingSuccess('Cirrus, right token');
				await shot('cirrus-credential-ok');
				await docsShot('credential-dialog.png', modal());
				// The fake's origin alone: the node adds /api/v1/integrations. The wrong token proves the API
				// was reached (a page that is not the API gives another message), the right one that it passes.
				await credentialInput('baseUrl').fill(cirrus.origin);
				await credentialInput('token').fill(CIRRUS_WRONG_TOKEN);
				await saveExpectingFailure('Cirrus, host-only Base URL, wrong token', 'Cirrus refused the token (HTTP 403: Not allowed to use external API)');
				await credentialInput('token').fill(CIRRUS_TOKEN);
				await saveExpectingSuccess('Cirrus, host-only Base URL, right token');
				await shot('cirrus-credential-host-only-ok');
				const probes = cirrus.state.requests.filter((request) => request.path === CIRRUS_PROBE_PATH);
				assert.ok(probes.length >= 4, `the fake Cirrus got ${probes.length} credential tests at ${CIRRUS_PROBE_PATH}, expected at least 4`);
				assert.equal(probes.at(-1).headers.authorization, `EAPI ${CIRRUS_TOKEN}`);
				await closeCredentialDialog();
			});

			await step('Cirrus: execute Get (seeded user) and Create from the node panel', async () => {
				await pickOperation('Get');
				await setParameter('externalId', 'E2E-SEEDED-1');
				await execute('Cirrus Get', ['E2E-SEEDED-1', 'Seeded', 'Cirrususer']);
				await shot('cirrus-get-output');
				await pickOperation('Create');
				await setParameter('externalId', 'E2E-EDITOR-1');
				await setParameter('firstName', 'Ada');
				await setParameter('lastName', 'Lovelace');
				await setParameter('email', 'ada@example.com');
				await execute('Cirrus Create', ['E2E-EDITOR-1', 'Ada', 'Lovelace']);
				assert.equal(cirrus.state.users.get('E2E-EDITOR-1')?.FirstName, 'Ada', 'the fake Cirrus has no user E2E-EDITOR-1 after Create');
				await shot('cirrus-create-output');
				await docsShot('create-fields.png', ndv());
				// Leave the node on a read, so that executing the next node (which runs it again) writes nothing.
				await pickOperation('Get');
				await setParameter('externalId', 'E2E-EDITOR-1');
				await closeNdv(page);
				await expectSubtitle(NODES.cirrus, 'Cirrus on the canvas', 'Get user');
				await shot('canvas-cirrus');
			});

			await step('KMI: every operation shows its fields, subtitles in words', async () => {
				await addNode(NODES.kmi, 'Get a KMI user by external ID', NODES.cirrus.type);
				await checkOperations(NODES.kmi);
			});

			await step('KMI: credential dialog (wrong secret, right secret)', async () => {
				await openNewCredential();
				await credentialInput('baseUrl').fill(kmi.baseUrl);
				await credentialInput('apiKey').fill(KMI_KEY);
				await credentialInput('apiSecret').fill(KMI_WRONG_SECRET);
				await saveExpectingFailure('KMI, wrong secret', 'KMI Learning refused the API key or secret');
				await shot('kmi-credential-wrong-secret');
				await credentialInput('apiSecret').fill(KMI_SECRET);
				await saveExpectingSuccess('KMI, right secret');
				await shot('kmi-credential-ok');
				await closeCredentialDialog();
			});

			await step('KMI: execute Get (seeded user) and Create from the node panel', async () => {
				await pickOperation('Get');
				await setParameter('externalId', 'K-SEEDED-1');
				await execute('KMI Get', ['K-SEEDED-1', 'Seeded', 'Kmiuser']);
				await shot('kmi-get-output');
				await pickOperation('Create');
				await setParameter('externalId', 'K-EDITOR-1');
				await setParameter('email', 'grace@example.com');
				await setParameter('firstName', 'Grace');
				await setParameter('lastName', 'Hopper');
				await setParameter('loginName', 'grace.hopper');
				await execute('KMI Create', ['K-EDITOR-1', 'Grace', 'Hopper']);
				assert.deepEqual(kmi.users(KMI_KEY).filter((user) => user.externalId === 'K-EDITOR-1').map((user) => user.firstName), ['Grace'], 'the fake KMI should hold K-EDITOR-1 once');
				// Executing KMI ran the Cirrus node before it, left on Get: Cirrus still has one E2E-EDITOR-1, created once.
				assert.equal(cirrus.state.createdById.get('E2E-EDITOR-1'), 1);
				await shot('kmi-create-output');
				await closeNdv(page);
				await shot('canvas-both');
			});
		} catch (error) {
			if (page) await shot('FAILED').catch(() => undefined);
			throw error;
		} finally {
			oursErrors = reportBrowserErrors();
			await browser?.close().catch(() => undefined);
			await n8n?.stop();
			await cirrus.stop();
			await kmi.stop();
		}
		// Leave the shared user folder without an owner, as the other suites expect to find it.
		await step('reset user management (no owner) for the suites that follow', () => folder.cli(['user-management:reset']));

		assert.deepEqual(oursErrors, [], 'browser errors that mention the packages');
	},
};
