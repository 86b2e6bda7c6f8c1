'use strict';
// Real n8n for the e2e suites: the lines under test, their cached installs, and one n8n user folder as
// a handle to import, execute, activate and start workflows. Recipe: ../shared/e2e/n8n-headless.md.
const fs = require('fs');
const path = require('path');

const { freePort, httpRequest, mustRun, run, startBackground, waitFor } = require('./processes');

/** Every n8n line the e2e knows. `E2E_LINES` picks some by key (default: all). */
const LINES = [
	{ key: '1', label: 'n8n 1.x', version: '1.123.81', runtime: 'node20' },
	{ key: '2', label: 'n8n 2.x', version: '2.41.1', runtime: 'node24' },
	// The README's minimum: NodeConnectionTypes is new in 1.85; 1.85.3 is the lowest 1.85 on the registry here.
	{ key: 'min', label: 'n8n 1.85 (minimum)', version: '1.85.3', runtime: 'node20' },
];

function selectedLines() {
	const wanted = process.env.E2E_LINES ? process.env.E2E_LINES.split(',').map((key) => key.trim()) : undefined;
	for (const key of wanted ?? []) {
		if (!LINES.some((line) => line.key === key)) throw new Error(`E2E_LINES: unknown line "${key}" (known: ${LINES.map((line) => line.key).join(', ')})`);
	}
	return LINES.filter((line) => !wanted || wanted.includes(line.key));
}

/** Installs the line's n8n once into the cache outside the repository (install-n8n.sh) and returns where. */
async function installN8n(line) {
	const script = path.join(__dirname, '..', 'install-n8n.sh');
	const result = await mustRun('bash', [script, line.version, line.runtime], { timeoutMs: 25 * 60_000 });
	// The script's own lines (cached or installed, how long, a repaired sqlite3 build) belong in the CI log.
	for (const text of result.stderr.split('\n')) if (text.startsWith('[install-n8n]')) console.log(`  ${text}`);
	const installDir = result.stdout.trim().split('\n').pop();
	const nodeBinFile = path.join(installDir, '.node-bin');
	const nodeBin = fs.existsSync(nodeBinFile) ? fs.readFileSync(nodeBinFile, 'utf8').trim() : undefined;
	return { ...line, installDir, nodeBin, bin: path.join(installDir, 'node_modules', '.bin', 'n8n') };
}

/** `n8n execute --rawOutput` prints log lines, then the run as JSON from a line that is exactly "{". */
function parseRunOutput(stdout) {
	const lines = stdout.split('\n');
	const first = lines.indexOf('{');
	if (first < 0) throw new Error(`no JSON in n8n output:\n${stdout.slice(-3000)}`);
	// The JSON ends at a line that is exactly "}", and log lines may follow it: try the last few such lines.
	// Bounded, as every slice is parsed whole: trying every line of a 10 000-item run ran for more than 10 minutes.
	let tries = 0;
	for (let last = lines.length - 1; last > first && tries < 20; last--) {
		if (lines[last] !== '}') continue;
		tries += 1;
		try {
			return JSON.parse(lines.slice(first, last + 1).join('\n'));
		} catch {
			// not the end of the JSON: an earlier "}" line
		}
	}
	throw new Error(`unreadable JSON in n8n output (${lines.length} lines, JSON from line ${first + 1}):\n${stdout.slice(-3000)}`);
}

/** One n8n user folder on one installed line. */
class N8nFolder {
	/**
	 * @param {Awaited<ReturnType<typeof installN8n>>} installed
	 * @param {string} userFolder holds .n8n/ (database, config, nodes/)
	 * @param {Record<string, string>} [extraEnv] e.g. queue mode settings
	 */
	constructor(installed, userFolder, extraEnv = {}) {
		this.line = installed;
		this.userFolder = userFolder;
		this.extraEnv = extraEnv;
		fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	}

	get isV1() {
		return this.line.version.startsWith('1.');
	}

	/** The environment of a throwaway, loopback-only instance (n8n-headless.md). */
	env(ports = {}) {
		const env = {
			...process.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'cirrus-e2e-encryption-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PORT: String(ports.n8n ?? 5678),
			N8N_SECURE_COOKIE: 'false',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_LOG_LEVEL: 'info',
			// The default 'vm' engine needs a native module that --ignore-scripts did not build.
			N8N_EXPRESSION_ENGINE: 'legacy',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			DB_SQLITE_POOL_SIZE: '0',
			NO_COLOR: '1',
			...this.extraEnv,
		};
		if (this.isV1) {
			env.N8N_RUNNERS_ENABLED = 'false';
		} else {
			// 2.x: the task-runner broker stays on loopback, and modules that reach out are off.
			env.N8N_RUNNERS_BROKER_LISTEN_ADDRESS = '127.0.0.1';
			env.N8N_RUNNERS_BROKER_PORT = String(ports.broker ?? 5679);
			env.N8N_DISABLED_MODULES = 'mcp-registry,agents,instance-ai,workflow-builder,chat-hub,insights';
		}
		if (this.line.nodeBin) env.PATH = `${this.line.nodeBin}${path.delimiter}${process.env.PATH}`;
		return env;
	}

	/** Free loopback ports for one n8n process, so that runs beside other n8n instances never collide. */
	async freshPorts() {
		return { n8n: await freePort(), broker: await freePort() };
	}

	async cli(args, options = {}) {
		return await mustRun(this.line.bin, args, { env: this.env(await this.freshPorts()), ...options });
	}

	/** Imports credentials given as objects: `[{ id, name, type, data }]` (data is encrypted on import). */
	async importCredentials(credentials) {
		const file = path.join(this.userFolder, `credentials-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials));
		await this.cli(['import:credentials', `--input=${file}`]);
		fs.rmSync(file);
	}

	/** Imports workflows given as objects (each with a fixed id of at most 21 characters) or file paths. */
	async importWorkflows(workflows) {
		const dir = fs.mkdtempSync(path.join(this.userFolder, 'workflows-'));
		workflows.forEach((workflow, index) => {
			const target = path.join(dir, `${index}.json`);
			if (typeof workflow === 'string') fs.copyFileSync(workflow, target);
			else fs.writeFileSync(target, JSON.stringify(workflow));
		});
		await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
		fs.rmSync(dir, { recursive: true, force: true });
	}

	/** `n8n execute --id`: the exit code, the output, and the run data when n8n printed it. */
	async execute(id, options = {}) {
		const result = await run(this.line.bin, ['execute', `--id=${id}`, '--rawOutput'], { env: this.env(await this.freshPorts()), ...options });
		let runData;
		try {
			runData = parseRunOutput(result.stdout);
		} catch {
			runData = undefined;
		}
		return { ...result, output: result.stdout + result.stderr, run: runData };
	}

	/** Activates a workflow while n8n is stopped (1.x: update:workflow, 2.x: publish:workflow). */
	async activate(id) {
		await this.cli(this.isV1 ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`]);
	}

	/**
	 * `n8n start` (or another command, e.g. ['worker']) in the background, until `ready` (default: the
	 * editor answers /healthz and says it is ready). Returns { baseUrl, ports, log(), stop() }.
	 */
	async start({ command = ['start'], ports: givenPorts, ready, limitMs = 120_000 } = {}) {
		const ports = givenPorts ?? (await this.freshPorts());
		const handle = startBackground(this.line.bin, command, { env: this.env(ports) });
		const baseUrl = `http://127.0.0.1:${ports.n8n}`;
		const instance = { baseUrl, ports, log: () => handle.log, stop: () => handle.stop(), exited: handle.exited };
		try {
			await waitFor(`n8n ${command.join(' ')} on ${this.line.label}`, async () => {
				if (handle.exited()) throw new Error(`n8n ${command.join(' ')} exited:\n${handle.log.slice(-4000)}`);
				if (ready) return await ready(instance);
				// "n8n ready on" and /healthz come before the migrations: wait for the editor and /healthz/readiness.
				if (!/Editor is now accessible/i.test(handle.log)) return false;
				const probe = await httpRequest('GET', `${baseUrl}/healthz/readiness`).catch(() => undefined);
				return probe?.status === 200;
			}, { limitMs });
		} catch (error) {
			await handle.stop();
			error.message += `\n--- n8n log (tail) ---\n${handle.log.slice(-3000)}`;
			throw error;
		}
		return instance;
	}
}

/** Sets up the owner of a fresh instance and returns the session cookie of a signed-in owner. */
async function setUpOwner(baseUrl, owner) {
	const answer = await httpRequest('POST', `${baseUrl}/rest/owner/setup`, owner);
	let user;
	try {
		user = JSON.parse(answer.text).data;
	} catch {
		user = undefined;
	}
	if (answer.status !== 200 || user?.email !== owner.email) {
		throw new Error(`owner setup: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
	}
	return (answer.headers['set-cookie'] ?? []).map((entry) => entry.split(';')[0]).join('; ');
}

/** Items of one node's output in a run (`n8n execute --rawOutput`); fails if the node failed or did not run. */
function outputOf(run, nodeName, outputIndex = 0) {
	const runData = (run.data ?? run).resultData.runData;
	if (!runData[nodeName]) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(runData).join(', ')}`);
	const task = runData[nodeName][0];
	if (task.error !== undefined) throw new Error(`node "${nodeName}" failed: ${JSON.stringify(task.error).slice(0, 2000)}`);
	return task.data.main[outputIndex] ?? [];
}

module.exports = { LINES, selectedLines, installN8n, N8nFolder, parseRunOutput, setUpOwner, outputOf };
