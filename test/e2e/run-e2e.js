#!/usr/bin/env node
'use strict';
// `npm run test:e2e`: the packed package inside real n8n, installed the way n8n installs community
// packages, on n8n 1.x (this machine's Node 20) and n8n 2.x (Node 24 from the npm registry).
// Recipe: ../shared/e2e/n8n-headless.md. Loopback only; every process started here is stopped by PID.
// E2E_LINES=1 or E2E_LINES=2 runs one line only (both by default, as CI does).
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const assert = require('assert/strict');

const { startFakeCirrus } = require('../fake-cirrus/server');
const { startFakeKmi } = require('../fake-kmi/server');
const {
	checkLifecycle,
	checkErrors,
	checkWrongToken,
	checkWebhook,
	checkToolRegistered,
	seedKmiForExample,
	checkKmiExample,
} = require('./checks');

const ROOT = path.resolve(__dirname, '../..');
const WORKFLOWS_DIR = path.join(__dirname, 'workflows');
const EXAMPLE_WORKFLOW = path.join(ROOT, 'examples', 'kmi-changed-users-to-cirrus.json');
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const TOKEN = 'e2e-token-5d1f0c9e8b7a';
const WRONG_TOKEN = 'e2e-WRONG-token-3a2b1c';
const KMI_KEY = 'e2e0c0de-1111-4222-8333-944455556666';
const KMI_SECRET = 'e2e-kmi-secret-7c6b5a';
const COMMAND_TIMEOUT_MS = 180_000;
const START_TIMEOUT_MS = 120_000;

const LINES = [
	{ label: 'n8n 1.x', version: '1.123.81', runtime: 'node20' },
	{ label: 'n8n 2.x', version: '2.41.1', runtime: 'node24' },
].filter((line) => !process.env.E2E_LINES || process.env.E2E_LINES.split(',').includes(line.version[0]));

/** Every child process still running; stopped by PID on exit, failure or signal. */
const running = new Set();
function stopAll() {
	for (const child of running) {
		try {
			process.kill(child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	running.clear();
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		stopAll();
		process.exit(130);
	});
}

const timings = [];
async function timed(label, work) {
	const started = Date.now();
	try {
		return await work();
	} finally {
		const seconds = (Date.now() - started) / 1000;
		timings.push([label, seconds]);
		console.log(`  [${seconds.toFixed(1)} s] ${label}`);
	}
}

/** Runs a command to completion (bounded by a timeout) and returns its exit code and output. */
function run(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		running.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			process.kill(child.pid, 'SIGKILL');
			reject(new Error(`${command} ${args.join(' ')}: no end after ${COMMAND_TIMEOUT_MS / 1000} s`));
		}, options.timeoutMs ?? COMMAND_TIMEOUT_MS);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			running.delete(child);
			resolve({ code, stdout, stderr });
		});
	});
}

async function mustRun(command, args, options) {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		throw new Error(`${path.basename(command)} ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
	}
	return result;
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

function httpRequest(method, url, body, headers = {}) {
	return new Promise((resolve, reject) => {
		const options = { method, headers: { 'Content-Type': 'application/json', ...headers }, timeout: 30_000 };
		const request = http.request(url, options, (response) => {
			let text = '';
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () => resolve({ status: response.statusCode, text, headers: response.headers }));
		});
		request.on('timeout', () => request.destroy(new Error(`timeout: ${method} ${url}`)));
		request.on('error', reject);
		if (body !== undefined) request.write(JSON.stringify(body));
		request.end();
	});
}

/** `n8n execute --rawOutput` prints log lines, then the run as JSON from a line that is exactly "{". */
function parseRunOutput(stdout) {
	const lines = stdout.split('\n');
	const first = lines.indexOf('{');
	if (first < 0) throw new Error(`no JSON in n8n output:\n${stdout.slice(-3000)}`);
	for (let last = lines.length; last > first; last--) {
		try {
			return JSON.parse(lines.slice(first, last).join('\n'));
		} catch {
			// trailing log lines: try a shorter slice
		}
	}
	throw new Error(`unreadable JSON in n8n output:\n${stdout.slice(-3000)}`);
}

function n8nEnvironment(line, userFolder, nodeBin, ports) {
	const env = {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'cirrus-e2e-encryption-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(ports.n8n),
		N8N_SECURE_COOKIE: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_LOG_LEVEL: 'info',
		// The default 'vm' engine needs a native module that --ignore-scripts did not build.
		N8N_EXPRESSION_ENGINE: 'legacy',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		DB_SQLITE_POOL_SIZE: '0',
		NO_COLOR: '1',
	};
	if (line.version.startsWith('1.')) {
		env.N8N_RUNNERS_ENABLED = 'false';
	} else {
		// 2.x: the task-runner broker stays on loopback, and modules that reach out are off.
		env.N8N_RUNNERS_BROKER_LISTEN_ADDRESS = '127.0.0.1';
		env.N8N_RUNNERS_BROKER_PORT = String(ports.broker);
		env.N8N_DISABLED_MODULES = 'mcp-registry,agents,instance-ai,workflow-builder,chat-hub,insights';
	}
	if (nodeBin) env.PATH = `${nodeBin}${path.delimiter}${process.env.PATH}`;
	return env;
}

async function runLine(line, tarball, workDir) {
	console.log(`\n== ${line.label} (${line.version}, ${line.runtime})`);
	const installDir = await timed(`${line.label}: install or reuse n8n ${line.version}`, async () => {
		const args = [path.join(__dirname, 'install-n8n.sh'), line.version, line.runtime];
		const result = await mustRun('bash', args, { timeoutMs: 20 * 60_000 });
		return result.stdout.trim().split('\n').pop();
	});
	const nodeBinFile = path.join(installDir, '.node-bin');
	const nodeBin = fs.existsSync(nodeBinFile) ? fs.readFileSync(nodeBinFile, 'utf8').trim() : undefined;
	const n8n = path.join(installDir, 'node_modules', '.bin', 'n8n');

	const userFolder = path.join(workDir, line.version);
	const nodesFolder = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesFolder, { recursive: true });
	fs.writeFileSync(path.join(nodesFolder, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }));
	await timed(`${line.label}: install the packed package into .n8n/nodes`, () =>
		// As n8n's community-package installer does: n8n itself provides n8n-workflow (peer dependency).
		mustRun('npm', ['install', tarball, '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', '--omit=dev'], { cwd: nodesFolder }),
	);
	for (const node of ['CirrusAssessment', 'KmiLearning']) {
		assert.ok(fs.existsSync(path.join(nodesFolder, 'node_modules', PACKAGE_NAME, 'dist', 'nodes', node, `${node}.node.js`)));
	}

	const ports = { n8n: await freePort(), broker: await freePort() };
	const env = n8nEnvironment(line, userFolder, nodeBin, ports);
	const server = await startFakeCirrus({ token: TOKEN });
	const kmi = await startFakeKmi({ keys: { [KMI_KEY]: KMI_SECRET } });
	try {
		const credentialsFile = path.join(workDir, `credentials-${line.version}.json`);
		const credential = (id, name, token) => ({
			id,
			name,
			type: 'cirrusAssessmentApi',
			data: { token, environment: 'custom', baseUrl: server.baseUrl },
		});
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify([
				credential('cirrusE2eCred', 'Cirrus E2E (fake server)', TOKEN),
				credential('cirrusE2eWrongToken', 'Cirrus E2E (wrong token)', WRONG_TOKEN),
				// The ids the example workflow refers to, so that it runs as imported.
				credential('cirrusExampleCredential', 'Cirrus Assessment account', TOKEN),
				{
					id: 'kmiExampleCredential',
					name: 'KMI Learning account',
					type: 'kmiLearningApi',
					data: { baseUrl: kmi.baseUrl, apiKey: KMI_KEY, apiSecret: KMI_SECRET },
				},
			]),
		);
		let exampleId;
		await timed(`${line.label}: import credentials, workflows and the example`, async () => {
			await mustRun(n8n, ['import:credentials', `--input=${credentialsFile}`], { env });
			await mustRun(n8n, ['import:workflow', '--separate', `--input=${WORKFLOWS_DIR}`], { env });
			// The example exactly as it ships; n8n 2.x's import needs the id it carries.
			await mustRun(n8n, ['import:workflow', `--input=${EXAMPLE_WORKFLOW}`], { env });
			exampleId = JSON.parse(fs.readFileSync(EXAMPLE_WORKFLOW, 'utf8')).id;
			const list = await mustRun(n8n, ['list:workflow'], { env });
			assert.ok(list.stdout.includes(`${exampleId}|`), `the example is not among the imported workflows:\n${list.stdout}`);
		});

		const execute = async (id) => {
			const result = await run(n8n, ['execute', `--id=${id}`, '--rawOutput'], { env });
			return { ...result, output: result.stdout + result.stderr };
		};

		server.reset();
		await timed(`${line.label}: execute lifecycle`, async () => {
			const result = await execute('e2eCirrusLifecycle');
			assert.equal(result.code, 0, `lifecycle run failed:\n${result.output.slice(-4000)}`);
			checkLifecycle(parseRunOutput(result.stdout), server);
		});

		server.reset();
		server.state.users.set('E2E-EXISTING', { ExternalId: 'E2E-EXISTING', FirstName: 'Already', LastName: 'There' });
		await timed(`${line.label}: execute errors (error output)`, async () => {
			const result = await execute('e2eCirrusErrors');
			assert.equal(result.code, 0, `errors run failed:\n${result.output.slice(-4000)}`);
			checkErrors(parseRunOutput(result.stdout), server);
		});

		server.reset();
		await timed(`${line.label}: execute wrong token`, async () => {
			const result = await execute('e2eCirrusWrongToken');
			checkWrongToken(result, { token: WRONG_TOKEN, goodToken: TOKEN });
		});

		server.reset();
		server.state.users.set('K-2', { ExternalId: 'K-2', FirstName: 'Old', LastName: 'Learner' });
		seedKmiForExample(kmi, KMI_KEY);
		await timed(`${line.label}: execute the example (KMI changed users → Cirrus)`, async () => {
			const startedAt = Date.now();
			const result = await execute(exampleId);
			assert.equal(result.code, 0, `example run failed:\n${result.output.slice(-4000)}`);
			checkKmiExample(parseRunOutput(result.stdout), kmi, server, startedAt);
		});

		server.reset();
		await timed(`${line.label}: webhook and AI tool in a running n8n`, async () => {
			const activate = line.version.startsWith('1.')
				? ['update:workflow', '--id=e2eCirrusWebhook', '--active=true']
				: ['publish:workflow', '--id=e2eCirrusWebhook'];
			await mustRun(n8n, activate, { env });
			await withRunningN8n(n8n, env, ports.n8n, async (baseUrl) => {
				const webhookUrl = `${baseUrl}/webhook/cirrus-e2e-onboarding`;
				const user = { externalId: 'E2E-HOOK-1', firstName: 'Webhook', lastName: 'User', email: 'hook@example.com' };
				// Webhooks register a little after /healthz answers: until then the POST gets a 404 and
				// does nothing, so the first POST is repeated (bounded) until it is served.
				let first;
				for (let attempt = 0; attempt < 120; attempt++) {
					first = await httpRequest('POST', webhookUrl, user);
					if (first.status !== 404) break;
					await new Promise((resolve) => setTimeout(resolve, 500));
				}
				const second = await httpRequest('POST', webhookUrl, { ...user, firstName: 'Webhook Again' });
				checkWebhook([first, second], server);
				// The node-type list needs a signed-in user: a fresh instance lets the owner be set up once.
				const owner = await httpRequest('POST', `${baseUrl}/rest/owner/setup`, {
					email: 'e2e-owner@example.com',
					firstName: 'E2E',
					lastName: 'Owner',
					password: 'E2e-owner-password-1',
				});
				assert.equal(owner.status, 200, `owner setup: ${owner.status} ${owner.text.slice(0, 300)}`);
				const cookie = (owner.headers['set-cookie'] ?? []).map((entry) => entry.split(';')[0]).join('; ');
				const types = await httpRequest('GET', `${baseUrl}/types/nodes.json`, undefined, { Cookie: cookie });
				checkToolRegistered(types, PACKAGE_NAME);
			});
		});
	} finally {
		await server.stop();
		await kmi.stop();
	}
}

/** `n8n start` in the background; waits until the webhook is registered; always stops it by PID. */
async function withRunningN8n(n8n, env, port, work) {
	const baseUrl = `http://127.0.0.1:${port}`;
	const child = spawn(n8n, ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	running.add(child);
	let log = '';
	child.stdout.on('data', (chunk) => (log += chunk));
	child.stderr.on('data', (chunk) => (log += chunk));
	const exited = new Promise((resolve) => child.on('close', resolve));
	try {
		const deadline = Date.now() + START_TIMEOUT_MS;
		for (;;) {
			if (child.exitCode !== null) throw new Error(`n8n start exited ${child.exitCode}:\n${log.slice(-4000)}`);
			if (Date.now() > deadline) throw new Error(`n8n did not register the webhook within ${START_TIMEOUT_MS / 1000} s:\n${log.slice(-4000)}`);
			const probe = await httpRequest('GET', `${baseUrl}/healthz`).catch(() => undefined);
			if (probe?.status === 200 && /Editor is now accessible|n8n ready on/i.test(log)) break;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		await work(baseUrl);
	} catch (error) {
		error.message += `\n--- n8n log (tail) ---\n${log.slice(-3000)}`;
		throw error;
	} finally {
		if (child.exitCode === null) {
			process.kill(child.pid, 'SIGTERM');
			const timer = setTimeout(() => child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 20_000);
			await exited;
			clearTimeout(timer);
		}
		running.delete(child);
	}
}

async function main() {
	const started = Date.now();
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'CirrusAssessment', 'CirrusAssessment.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-e2e-'));
	try {
		const tarball = await timed('npm pack', async () => {
			const result = await mustRun('npm', ['pack', '--pack-destination', workDir, '--silent'], { cwd: ROOT });
			return path.join(workDir, result.stdout.trim().split('\n').pop());
		});
		for (const line of LINES) await runLine(line, tarball, workDir);
	} finally {
		stopAll();
		if (!process.env.E2E_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
	}
	console.log(`\nE2E passed on ${LINES.map((line) => `${line.label} (${line.version})`).join(' and ')} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error) => {
	console.error(`\nE2E FAILED: ${error.stack ?? error}`);
	stopAll();
	process.exit(1);
});
