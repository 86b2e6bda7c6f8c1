'use strict';
// The n8n editor in headless Chromium (Debian's package, driven by playwright-core), for the editor
// suite. Loopback only; every wait is bounded; nothing is asserted on pixels. Recipe and the selectors
// that work on n8n 1.123.81 and 2.41.1: ../shared/e2e/n8n-headless.md.
const fs = require('fs');

const { mustRun, sleep } = require('./processes');

const CHROMIUM = '/usr/bin/chromium';
const LAUNCH_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	// Loopback only: the editor itself reaches out (api.n8n.io banners, registry.npmjs.org for community
	// packages); no host name but loopback resolves, and no proxy is used.
	'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
	'--no-proxy-server',
];
/** Generous: the machines are small and shared with CI. */
const UI_TIMEOUT_MS = 30_000;

/** Debian's chromium, installed with apt-get when it is missing (what a fresh CI machine needs). */
async function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return;
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const options = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeoutMs: 15 * 60_000 };
	const apt = (args) => (asRoot ? mustRun('apt-get', args, options) : mustRun('sudo', ['-n', '-E', 'apt-get', ...args], options));
	try {
		await apt(['install', '-y', 'chromium']);
	} catch {
		// A fresh machine may have no package lists yet.
		await apt(['update']);
		await apt(['install', '-y', 'chromium']);
	}
	if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get install -y chromium did not give ${CHROMIUM}`);
}

async function launchBrowser() {
	await ensureChromium();
	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, timeout: 120_000 });
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const page = await context.newPage();
	page.setDefaultTimeout(UI_TIMEOUT_MS);
	page.setDefaultNavigationTimeout(90_000);
	return { browser, context, page };
}

/** Polls `check` (async, returns a truthy value when done) until it succeeds or `limitMs` passes; then `describe()` says what was seen. */
async function eventually(what, check, { limitMs = UI_TIMEOUT_MS, intervalMs = 250, describe } = {}) {
	const deadline = Date.now() + limitMs;
	let lastError;
	for (;;) {
		try {
			const value = await check();
			if (value) return value;
			lastError = undefined;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			const seen = describe ? await describe().catch((error) => `(could not read: ${error.message})`) : lastError?.message ?? '';
			throw new Error(`${what}: not within ${limitMs / 1000} s${seen ? `\n  seen: ${seen}` : ''}`);
		}
		await sleep(intervalMs);
	}
}

const firstLine = (text) => text.split('\n')[0].trim();

/** Texts (first lines) of the visible entries of the open dropdown(s). */
async function dropdownItems(page) {
	return (await page.locator('.el-select-dropdown__item:visible').allInnerTexts()).map(firstLine);
}

/** Clicks the visible dropdown entry whose first line is `option` (the dropdown must be open). */
async function clickDropdownItem(page, option) {
	const index = await eventually(`dropdown entry "${option}"`, async () => {
		const at = (await dropdownItems(page)).indexOf(option);
		return at >= 0 ? at + 1 : 0;
	}, { describe: async () => JSON.stringify(await dropdownItems(page)) });
	await page.locator('.el-select-dropdown__item:visible').nth(index - 1).click();
}

/** Opens a select (a locator) and picks the entry whose first line is `option`. */
async function selectOption(page, select, option) {
	await select.click();
	await clickDropdownItem(page, option);
}

/** Labels of the parameters visible in the node panel, first line only ("External ID", not its Fixed/Expression toggle). */
async function visibleParameterLabels(page) {
	return await page.evaluate(() =>
		[...document.querySelectorAll('[data-test-id="node-parameters"] label.n8n-input-label')]
			.filter((element) => element.checkVisibility())
			.map((element) => element.innerText.split('\n')[0].replace(/\s*\*$/, '').trim()),
	);
}

/** The node creator's visible results, first line each (2.x adds the node's description as a second line). */
async function nodeCreatorItems(page) {
	return (await page.locator('[data-test-id="item-iterator-item"]:visible').allInnerTexts()).map(firstLine);
}

/** Closes the node panel: "Back to canvas" on 1.x, the close button (×) on 2.x. */
async function closeNdv(page) {
	const ndv = page.locator('[data-test-id="ndv"]');
	if (!(await ndv.isVisible())) return;
	const back = page.locator('[data-test-id="back-to-canvas"]:visible, [data-test-id="ndv-close-button"]:visible');
	if (await back.count()) await back.first().click();
	else await page.keyboard.press('Escape');
	await ndv.waitFor({ state: 'hidden' });
}

function isLoopback(url) {
	try {
		return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
	} catch {
		return true; // no URL (e.g. data:, or a message without one)
	}
}

/**
 * Collects what the browser reports as going wrong: console errors, uncaught page errors, and failed
 * responses (HTTP >= 400 or no answer), each with the URL it concerns.
 */
function collectBrowserErrors(page) {
	const errors = [];
	// `outbound`: a request off this machine, refused by the launch flags (n8n's own calls home).
	const add = (kind, text, url = '') => errors.push({ kind, text, url, outbound: url !== '' && !isLoopback(url) });
	page.on('console', (message) => {
		if (message.type() === 'error') add('console', message.text(), message.location()?.url ?? '');
	});
	page.on('pageerror', (error) => add('pageerror', String(error?.stack ?? error)));
	page.on('requestfailed', (request) => add('requestfailed', `${request.method()} ${request.failure()?.errorText ?? ''}`, request.url()));
	page.on('response', (response) => {
		if (response.status() >= 400) add('http', `HTTP ${response.status()} ${response.request().method()}`, response.url());
	});
	return errors;
}

module.exports = {
	CHROMIUM,
	ensureChromium,
	launchBrowser,
	eventually,
	dropdownItems,
	clickDropdownItem,
	selectOption,
	visibleParameterLabels,
	nodeCreatorItems,
	closeNdv,
	collectBrowserErrors,
	UI_TIMEOUT_MS,
};
