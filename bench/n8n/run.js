#!/usr/bin/env node
'use strict';
// `npm run bench:n8n`: a benchmark, not a test. The packed packages inside real n8n 1.123.81 and 2.41.1
// (installed once by the e2e, test/e2e/install-n8n.sh) against the fake Cirrus API answering after
// 20 ms and refusing more than 10 requests in flight (429 + Retry-After: 1). Side by side on the same
// users: this node's Create at Max Concurrent Requests 10 and 20; the HTTP Request node (4.2) by default,
// batching 10 per 1 s and 10 per 50 ms; the nightly re-sync (all users exist, 5 % changed) as this node's
// Create or Update and as the HTTP Request pattern a user would build (GET → IF → PATCH / POST). Each
// row: the node's execution time from n8n's run data, items on the success and error outputs, users
// created, duplicates, users lost, and the ratio to the row's floor (the API's own limit:
// requests × 20 ms / 10 in flight). Beside them, as a reference for what the machine allows at the time,
// plain axios without n8n on the line's Node against the same fake (bench/n8n/bare-client.js): with a new
// connection per request, as n8n's request helper makes them, sent at once and spaced one per turn as
// this package's limiter sends them, and with keep-alive. Then peak RSS of the n8n process for 1/10 and all of
// BENCH_RSS_ITEMS items through Get, beside the same workflow with a No Op in the node's place, and the
// heap each run leaves behind (gc() at its exit, bench/n8n/heap-at-exit.js).
// Prints a table (and a Markdown copy for the README) and writes bench/results-n8n.json.
//
// Settings (environment):
//   BENCH_LINES=1,2      n8n lines by key, as E2E_LINES (1 = 1.123.81 on Node 20, 2 = 2.41.1 on Node 24); default both
//   BENCH_N=1000         users per row
//   BENCH_ROWS=…         only these rows (keys below), e.g. nodeCreate10,httpResync; default all
//   BENCH_RSS=0          skip the RSS measurement; BENCH_RSS_ITEMS=10000 its larger item count
//   BENCH_ROOT=<dir>     pack the packages from another checkout (default: this repository)
//   BENCH_OUT=<file>     where to write the results (default bench/results-n8n.json)
//   BENCH_REPEAT=3       runs of each row; the run with the median execution time is reported, with the
//                        worst lost and duplicates of all runs (httpBatch1s runs once: its 100 s are set
//                        by its batch interval)
//   BENCH_RUNNERS=1      keep n8n 2.x's task runners on (off by default: `n8n execute` boots them during the row)
//   BENCH_KEEP=1         keep the temporary n8n user folders
//   BENCH_CPU_PROF=<dir> run each `n8n execute` under node --cpu-prof, profiles into <dir> (slower; for looking, not for numbers)
// NODE_OPTIONS reaches n8n too, e.g. --max-old-space-size=256 to see how much of the peak RSS is garbage not yet collected.
// Loopback only; every process started here is stopped by its PID; every wait is bounded.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const { LINES, installN8n, N8nFolder, parseRunOutput } = require(path.join(REPO, 'test/e2e/lib/n8n'));
const { PACKAGE_DIRS, ROOT, installFromReadme } = require(path.join(REPO, 'test/e2e/lib/packages'));
const { mustRun, stopAll } = require(path.join(REPO, 'test/e2e/lib/processes'));
const { itemsThroughNode } = require(path.join(REPO, 'test/e2e/lib/workflows'));
const { startFakeCirrus } = require(path.join(REPO, 'test/fake-cirrus/server'));
const { readHighWaterMark } = require('./high-water-mark');

const N = positiveInt('BENCH_N', 1000);
const LATENCY_MS = 20;
const MAX_IN_FLIGHT = 10;
/** Every 20th user differs in the re-sync: 5 %. */
const CHANGED_EVERY = 20;
const RSS_ITEMS = positiveInt('BENCH_RSS_ITEMS', 10000);
const RSS_SMALL = Math.max(1, Math.round(RSS_ITEMS / 10));
const RSS_ENABLED = process.env.BENCH_RSS !== '0';
const REPEAT = positiveInt('BENCH_REPEAT', 3);
const RUNNERS = process.env.BENCH_RUNNERS === '1';
const PACK_ROOT = path.resolve(process.env.BENCH_ROOT ?? ROOT);
const OUT_FILE = path.resolve(process.env.BENCH_OUT ?? path.join(REPO, 'bench', 'results-n8n.json'));
const TOKEN = 'bench-n8n-token-6f5e4d3c2b1a';
const CIRRUS_TYPE = 'n8n-nodes-cirrus-assessment.cirrusAssessment';
const CIRRUS_CREDENTIAL = { cirrusAssessmentApi: { id: 'benchCirrusCred', name: 'Cirrus (bench)' } };
const HEADER_CREDENTIAL = { httpHeaderAuth: { id: 'benchHeaderCred', name: 'Cirrus EAPI header (bench)' } };
/** The batching a careful user gives the HTTP Request nodes of the re-sync pattern: 10 per 50 ms keeps under 10 in flight. */
const CAREFUL_BATCH = { batchSize: 10, batchInterval: 50 };
const PATTERN_NODES = ['GET User', 'Found?', 'PATCH User', 'POST User'];

function positiveInt(name, fallback) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number (got "${raw}")`);
	return value;
}

// ---------------------------------------------------------------------------------------------------
// Users and floors

const CHANGED = Math.ceil(N / CHANGED_EVERY);
const floorSeconds = (requests) => (requests * LATENCY_MS) / MAX_IN_FLIGHT / 1000;
const CREATE_FLOOR = floorSeconds(N);
const RESYNC_FLOOR = floorSeconds(N + CHANGED);

/** The users each row wants in Cirrus, under the API's own field names. */
function wantedUsers(prefix) {
	return Array.from({ length: N }, (_, index) => ({
		ExternalId: `${prefix}-${index}`,
		FirstName: `First ${index}`,
		LastName: 'Bench',
		Email: `user${index}@example.com`,
	}));
}
const isChanged = (index) => index % CHANGED_EVERY === 0;

// ---------------------------------------------------------------------------------------------------
// Workflows, built in code on test/e2e/lib/workflows.js (Manual Trigger → Set → Split Out → node)

const cirrusUserParameters = {
	externalId: '={{ $json.ExternalId }}',
	firstName: '={{ $json.FirstName }}',
	lastName: '={{ $json.LastName }}',
	email: '={{ $json.Email }}',
};

function cirrusFlow(id, items, operation, options) {
	return itemsThroughNode(id, {
		type: CIRRUS_TYPE,
		credentials: CIRRUS_CREDENTIAL,
		parameters: { operation, ...(operation === 'get' ? { externalId: '={{ $json.ExternalId }}' } : cirrusUserParameters), options },
		items,
	});
}

/** An HTTP Request node (4.2) sending Authorization: EAPI <token> through a Header Auth credential. */
function httpNode(name, position, { method, url, body, batch, onError }) {
	const parameters = {
		method,
		url,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		options: batch ? { batching: { batch: { ...batch } } } : {},
	};
	if (body !== undefined) Object.assign(parameters, { sendBody: true, contentType: 'json', specifyBody: 'json', jsonBody: body });
	return { id: `bench-${name.replace(/\W+/g, '-')}`, name, type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position, parameters, credentials: HEADER_CREDENTIAL, onError };
}

/** The HTTP Request node in the place of the node under test: one POST per item. */
function httpCreateFlow(id, items, baseUrl, batch) {
	const workflow = itemsThroughNode(id, { type: 'n8n-nodes-base.httpRequest', credentials: HEADER_CREDENTIAL, parameters: {}, items });
	const at = workflow.nodes.findIndex((node) => node.name === 'Under Test');
	workflow.nodes[at] = httpNode('Under Test', workflow.nodes[at].position, {
		method: 'POST',
		url: `${baseUrl}/user`,
		body: '={{ JSON.stringify($json) }}',
		batch,
		onError: 'continueErrorOutput',
	});
	return workflow;
}

/**
 * The re-sync as a careful user builds it from HTTP Request nodes: GET each user (continue on error, so
 * that a missing user is an item), IF it was found, PATCH the user's fields, else POST the user. Every
 * HTTP node batches 10 per 50 ms to stay under the API's limit. It cannot know which users differ without
 * comparing field by field, so it PATCHes every user it finds.
 */
function httpResyncFlow(id, items, baseUrl) {
	const workflow = itemsThroughNode(id, { type: 'n8n-nodes-base.noOp', credentials: {}, parameters: {}, items });
	const keep = workflow.nodes.filter((node) => ['Start', 'Items', 'One Item Each'].includes(node.name));
	const wanted = "$('One Item Each').item.json";
	const userUrl = (expression) => `=${baseUrl}/user/{{ encodeURIComponent(${expression}.ExternalId) }}`;
	const noOp = (name, position) => ({ id: `bench-${name}`, name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position, parameters: {} });
	workflow.nodes = [
		...keep,
		httpNode('GET User', [600, 0], { method: 'GET', url: userUrl('$json'), batch: CAREFUL_BATCH, onError: 'continueRegularOutput' }),
		{
			id: 'bench-found',
			name: 'Found?',
			type: 'n8n-nodes-base.if',
			typeVersion: 2.2,
			position: [800, 0],
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					conditions: [
						{ id: 'found', leftValue: '={{ $json.Success === true }}', rightValue: '', operator: { type: 'boolean', operation: 'true', singleValue: true } },
					],
					combinator: 'and',
				},
				options: {},
			},
		},
		httpNode('PATCH User', [1000, -100], {
			method: 'PATCH',
			url: userUrl(wanted),
			body: `={{ JSON.stringify({ FirstName: ${wanted}.FirstName, LastName: ${wanted}.LastName, Email: ${wanted}.Email }) }}`,
			batch: CAREFUL_BATCH,
			onError: 'continueErrorOutput',
		}),
		httpNode('POST User', [1000, 100], { method: 'POST', url: `${baseUrl}/user`, body: `={{ JSON.stringify(${wanted}) }}`, batch: CAREFUL_BATCH, onError: 'continueErrorOutput' }),
		noOp('Patched', [1250, -150]),
		noOp('Patch Failed', [1250, -50]),
		noOp('Posted', [1250, 50]),
		noOp('Post Failed', [1250, 150]),
	];
	const to = (node) => [{ node, type: 'main', index: 0 }];
	workflow.connections = {
		Start: { main: [to('Items')] },
		Items: { main: [to('One Item Each')] },
		'One Item Each': { main: [to('GET User')] },
		'GET User': { main: [to('Found?')] },
		'Found?': { main: [to('PATCH User'), to('POST User')] },
		'PATCH User': { main: [to('Patched'), to('Patch Failed')] },
		'POST User': { main: [to('Posted'), to('Post Failed')] },
	};
	return workflow;
}

/** The RSS baseline: the same items through a No Op instead of the node. */
function noOpFlow(id, items) {
	const workflow = itemsThroughNode(id, { type: 'n8n-nodes-base.noOp', credentials: {}, parameters: {}, items });
	const at = workflow.nodes.findIndex((node) => node.name === 'Under Test');
	workflow.nodes[at] = { id: `${id}-Under Test`, name: 'Under Test', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: workflow.nodes[at].position, parameters: {} };
	workflow.connections['Under Test'] = { main: [[{ node: 'Succeeded', type: 'main', index: 0 }]] };
	return workflow;
}

// ---------------------------------------------------------------------------------------------------
// Rows

const createTarget = (maxRatio, noDuplicates) => ({
	text: `≤ ${maxRatio}× floor, 0 lost${noDuplicates ? ', 0 duplicates' : ''}`,
	check: (row) => row.ratio <= maxRatio && row.worstLost === 0 && (!noDuplicates || row.worstDuplicates === 0),
});

/** Each row: its workflow, the users it wants, how the fake is seeded, which nodes' time counts, and its target. */
function rows(baseUrl) {
	const created = wantedUsers('C');
	const resync = wantedUsers('S');
	const seedResync = (fake) => {
		resync.forEach((user, index) => fake.state.users.set(user.ExternalId, isChanged(index) ? { ...user, FirstName: `Old ${index}` } : { ...user }));
	};
	const createRow = (key, label, workflow, target) => ({ key, label, workflow, wanted: created, floor: CREATE_FLOOR, timed: ['Under Test'], target });
	const referenceRow = (key, mode, how) => ({
		key,
		label: `Reference, no n8n: plain axios on the line's Node, 10 in flight, ${how}`,
		reference: { mode },
		wanted: Array.from({ length: N }, (_, index) => ({ ExternalId: `BARE-${mode}-${index}`, FirstName: 'Bare', LastName: 'Client' })),
		floor: CREATE_FLOOR,
	});
	return [
		referenceRow('bareNewConnection', 'new', "a new connection per request (as n8n's helper), sent at once"),
		referenceRow('bareNewConnectionSpaced', 'new-spaced', 'a new connection per request, one leaving per turn (as this node)'),
		referenceRow('bareKeepAlive', 'keep-alive', "keep-alive (which n8n's helper does not offer)"),
		createRow('nodeCreate10', 'Cirrus node: Create, Max Concurrent Requests 10', cirrusFlow('benchNodeCreate10', created, 'create', { maxConcurrentRequests: 10, readBack: false }), createTarget(1.3, false)),
		createRow('nodeCreate20', 'Cirrus node: Create, Max Concurrent Requests 20', cirrusFlow('benchNodeCreate20', created, 'create', { maxConcurrentRequests: 20, readBack: false }), createTarget(1.5, true)),
		createRow('httpDefault', 'HTTP Request: POST, default', httpCreateFlow('benchHttpDefault', created, baseUrl, undefined)),
		{ ...createRow('httpBatch1s', 'HTTP Request: POST, batching 10 per 1 s', httpCreateFlow('benchHttpBatch1s', created, baseUrl, { batchSize: 10, batchInterval: 1000 })), once: true },
		createRow('httpBatch50ms', 'HTTP Request: POST, batching 10 per 50 ms', httpCreateFlow('benchHttpBatch50ms', created, baseUrl, { batchSize: 10, batchInterval: 50 })),
		{
			key: 'nodeResync',
			label: `Re-sync, ${CHANGED} of ${N} changed: Cirrus node Create or Update, Max Concurrent Requests 10`,
			workflow: cirrusFlow('benchNodeResync', resync, 'upsert', { maxConcurrentRequests: 10, readBack: false }),
			wanted: resync,
			seed: seedResync,
			floor: RESYNC_FLOOR,
			timed: ['Under Test'],
			target: {
				text: '≤ 1.3× floor, ≥ 3× faster than the HTTP pattern, 0 lost',
				check: (row, all) => {
					const pattern = all.find((other) => other.key === 'httpResync' && other.line === row.line);
					row.speedupVsHttpPattern = pattern?.executionSeconds ? round(pattern.executionSeconds / row.executionSeconds, 2) : null;
					return row.ratio <= 1.3 && row.worstLost === 0 && row.speedupVsHttpPattern !== null && row.speedupVsHttpPattern >= 3;
				},
			},
		},
		{
			key: 'httpResync',
			label: `Re-sync, ${CHANGED} of ${N} changed: HTTP Request pattern GET → IF → PATCH / POST, batching 10 per 50 ms (time: sum of the 4 nodes)`,
			workflow: httpResyncFlow('benchHttpResync', resync, baseUrl),
			wanted: resync,
			seed: seedResync,
			floor: RESYNC_FLOOR,
			timed: PATTERN_NODES,
			outputs: { ok: [['PATCH User', 0], ['POST User', 0]], failed: [['PATCH User', 1], ['POST User', 1]] },
		},
	];
}

function selectedRows(all) {
	if (!process.env.BENCH_ROWS) return all;
	const wanted = process.env.BENCH_ROWS.split(',').map((key) => key.trim());
	for (const key of wanted) if (!all.some((row) => row.key === key)) throw new Error(`BENCH_ROWS: unknown row "${key}" (known: ${all.map((row) => row.key).join(', ')})`);
	return all.filter((row) => wanted.includes(row.key));
}

function selectedLines() {
	const known = LINES.filter((line) => line.key === '1' || line.key === '2');
	const wanted = process.env.BENCH_LINES ? process.env.BENCH_LINES.split(',').map((key) => key.trim()) : known.map((line) => line.key);
	for (const key of wanted) if (!known.some((line) => line.key === key)) throw new Error(`BENCH_LINES: unknown line "${key}" (known: 1, 2)`);
	return known.filter((line) => wanted.includes(line.key));
}

// ---------------------------------------------------------------------------------------------------
// Running n8n: `n8n execute` as N8nFolder.execute runs it (same binary, arguments and environment), with
// the child's PID known, so that its peak RSS (VmHWM) can be read from /proc while it runs.

const children = new Set();
process.on('exit', () => {
	for (const child of children) {
		try {
			process.kill(child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
});

async function executeWorkflow(folder, id, timeoutMs, extraEnv = {}) {
	// Free ports for this process, as N8nFolder.execute takes them (older lib/n8n.js: the fixed defaults).
	const env = { ...(typeof folder.freshPorts === 'function' ? folder.env(await folder.freshPorts()) : folder.env()), ...extraEnv };
	return await new Promise((resolve, reject) => {
		const started = Date.now();
		const args = ['execute', `--id=${id}`, '--rawOutput'];
		// BENCH_CPU_PROF=<dir>: the same run under the line's node with --cpu-prof, one .cpuprofile per execution.
		const profileDir = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : undefined;
		const [command, commandArgs] = profileDir ? ['node', ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${id}-${Date.now()}.cpuprofile`, fs.realpathSync(folder.line.bin), ...args]] : [folder.line.bin, args];
		const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		children.add(child);
		const stdout = [];
		let stderr = '';
		let peakRss = 0;
		child.stdout.on('data', (chunk) => stdout.push(chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const sample = () => {
			const hwm = readHighWaterMark(child.pid);
			if (hwm !== undefined) peakRss = Math.max(peakRss, hwm);
		};
		const sampler = setInterval(sample, 20);
		const timer = setTimeout(() => {
			try {
				process.kill(child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
			reject(new Error(`n8n execute --id=${id}: no end after ${timeoutMs / 1000} s\n${stderr.slice(-2000)}`));
		}, timeoutMs);
		child.on('exit', sample);
		child.on('error', (error) => {
			clearInterval(sampler);
			clearTimeout(timer);
			children.delete(child);
			reject(error);
		});
		child.on('close', (code) => {
			clearInterval(sampler);
			clearTimeout(timer);
			children.delete(child);
			const text = Buffer.concat(stdout).toString('utf8');
			let run;
			try {
				run = parseRunOutput(text);
			} catch {
				run = undefined;
			}
			resolve({ code, output: text + stderr, run, wallSeconds: (Date.now() - started) / 1000, peakRssBytes: peakRss || undefined });
		});
	});
}

const round = (value, digits) => Number(value.toFixed(digits));

function runDataOf(run) {
	return (run.data ?? run).resultData.runData;
}

function itemsOn(runData, nodeName, outputIndex) {
	const task = runData[nodeName]?.[0];
	return task?.data?.main?.[outputIndex] ?? [];
}

/** What the API holds after a row, against what the row wanted. */
function apiOutcome(fake, wanted) {
	const { createdById, postsById, users, requests, throttled } = fake.state;
	let extraCreates = 0;
	for (const count of createdById.values()) extraCreates += Math.max(0, count - 1);
	let refusedAsTaken = 0;
	for (const [id, posts] of postsById) refusedAsTaken += Math.max(0, posts - (createdById.get(id) ?? 0));
	const lost = wanted.filter((user) => {
		const held = users.get(user.ExternalId);
		return !held || held.FirstName !== user.FirstName || held.LastName !== user.LastName || held.Email !== user.Email;
	}).length;
	const byMethod = {};
	for (const request of requests) byMethod[request.method] = (byMethod[request.method] ?? 0) + 1;
	return { created: createdById.size, extraCreates, refusedAsTaken, duplicates: extraCreates + refusedAsTaken, lost, requests: byMethod, throttled };
}

/** What every row's outcome starts with. */
const rowBase = (row, line) => ({ key: row.key, label: row.label, line: line.version, n: N, floorSeconds: round(row.floor, 3), target: row.target?.text ?? null });

async function runRow(folder, fake, row, line) {
	fake.reset();
	row.seed?.(fake);
	const timeoutMs = 240_000 + N * 200;
	const result = await executeWorkflow(folder, row.workflow.id, timeoutMs);
	await fake.whenIdle();
	const base = rowBase(row, line);
	if (!result.run) {
		return { ...base, failed: `n8n execute exited ${result.code} without run data: ${result.output.slice(-1500)}`, ...apiOutcome(fake, row.wanted) };
	}
	const runData = runDataOf(result.run);
	const nodeErrors = row.timed.filter((name) => runData[name]?.[0]?.error).map((name) => `${name}: ${JSON.stringify(runData[name][0].error).slice(0, 500)}`);
	const perNodeMs = Object.fromEntries(row.timed.filter((name) => runData[name]).map((name) => [name, runData[name][0].executionTime]));
	const executionMs = Object.values(perNodeMs).reduce((sum, ms) => sum + ms, 0);
	const outputs = row.outputs ?? { ok: [['Under Test', 0]], failed: [['Under Test', 1]] };
	const count = (list) => list.reduce((sum, [name, index]) => sum + itemsOn(runData, name, index).length, 0);
	const okItems = outputs.ok.flatMap(([name, index]) => itemsOn(runData, name, index));
	const operations = {};
	for (const item of okItems) if (item.json?._operation) operations[item.json._operation] = (operations[item.json._operation] ?? 0) + 1;
	const executionSeconds = executionMs / 1000;
	const outcome = {
		...base,
		executionSeconds: round(executionSeconds, 3),
		perNodeMs,
		ratio: round(executionSeconds / row.floor, 2),
		ok: count(outputs.ok),
		errorOutput: count(outputs.failed),
		...apiOutcome(fake, row.wanted),
		operations: Object.keys(operations).length ? operations : undefined,
		wallSeconds: round(result.wallSeconds, 1),
		peakRssMb: result.peakRssBytes ? round(result.peakRssBytes / 2 ** 20, 1) : null,
		exitCode: result.code,
	};
	if (nodeErrors.length || result.code !== 0) outcome.failed = nodeErrors.join('; ') || `exit code ${result.code}: ${result.output.slice(-1500)}`;
	if (row.key === 'httpResync' && outcome.requests) {
		outcome.note = `writes: ${(outcome.requests.PATCH ?? 0) + (outcome.requests.POST ?? 0)} (PATCH ${outcome.requests.PATCH ?? 0}, POST ${outcome.requests.POST ?? 0}); the pattern PATCHes every user it finds`;
	}
	// A sample error message, so that what a user would see is on record.
	const firstError = outputs.failed.flatMap(([name, index]) => itemsOn(runData, name, index))[0];
	if (firstError) outcome.sampleError = JSON.stringify(firstError.json).split(TOKEN).join('<token>').slice(0, 300);
	return outcome;
}

/** A reference row: bench/n8n/bare-client.js in a process of its own, on the line's Node, against this fake. */
async function runReference(folder, fake, row, line) {
	fake.reset();
	const base = rowBase(row, line);
	const args = [path.join(__dirname, 'bare-client.js'), '--base', fake.baseUrl, '--mode', row.reference.mode];
	const started = Date.now();
	let measured;
	let failed;
	try {
		const result = await mustRun('node', args, { env: { ...folder.env(), BENCH_N: String(N), BENCH_TOKEN: TOKEN }, timeoutMs: 120_000 + N * 100 });
		measured = JSON.parse(result.stdout.trim().split('\n').pop());
	} catch (error) {
		failed = `bare-client.js --mode ${row.reference.mode}: ${String(error.message ?? error).slice(0, 1500)}`;
	}
	await fake.whenIdle();
	if (failed) return { ...base, failed, ...apiOutcome(fake, row.wanted) };
	return {
		...base,
		executionSeconds: round(measured.seconds, 3),
		ratio: round(measured.seconds / row.floor, 2),
		// bare-client.js stops at the first answer other than 200, so a run that ends is all successes.
		ok: measured.ok,
		errorOutput: 0,
		...apiOutcome(fake, row.wanted),
		latencyMs: { median: measured.medianMs, p90: measured.p90Ms },
		wallSeconds: round((Date.now() - started) / 1000, 1),
	};
}

/**
 * Runs a row REPEAT times (once if row.once) and reports the run with the median execution time, each
 * run's counts beside it, and the worst lost and duplicates of all runs, which its target is judged on.
 */
async function runRowRepeated(row, runOnce) {
	const runs = [];
	for (let run = 0; run < (row.once ? 1 : REPEAT); run++) runs.push(await runOnce());
	const summary = runs.map(({ executionSeconds, ok, errorOutput, lost, duplicates, throttled }) => ({ executionSeconds, ok, errorOutput, lost, duplicates, throttled }));
	const failed = runs.find((run) => run.failed);
	if (failed) return { ...failed, runs: summary };
	const byTime = [...runs].sort((a, b) => a.executionSeconds - b.executionSeconds);
	const median = byTime[Math.floor((byTime.length - 1) / 2)];
	return {
		...median,
		runs: summary,
		worstLost: Math.max(...runs.map((run) => run.lost)),
		worstDuplicates: Math.max(...runs.map((run) => run.duplicates)),
	};
}

async function measureRss(folder, fake, line) {
	const items = (count) => Array.from({ length: count }, (_, index) => ({ ExternalId: `M-${index}` }));
	const flows = [];
	for (const count of [RSS_SMALL, RSS_ITEMS]) {
		flows.push({ id: `benchRssNode${count}`, kind: 'node', count, workflow: cirrusFlow(`benchRssNode${count}`, items(count), 'get', { maxConcurrentRequests: 10 }) });
		flows.push({ id: `benchRssNoOp${count}`, kind: 'noOp', count, workflow: noOpFlow(`benchRssNoOp${count}`, items(count)) });
	}
	await folder.importWorkflows(flows.map((flow) => flow.workflow));
	const peaks = { node: {}, noOp: {} };
	const live = { node: {}, noOp: {} };
	const heapFile = path.join(os.tmpdir(), `bench-n8n-heap-${process.pid}.json`);
	// The heap each run leaves behind, and its peak RSS as the process reads it at exit (heap-at-exit.js).
	// --expose-gc changes nothing else: V8 sizes the heap as without it.
	const heapEnv = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc --require "${path.join(__dirname, 'heap-at-exit.js')}"`.trim(), BENCH_HEAP_FILE: heapFile };
	for (const flow of flows) {
		fake.reset();
		for (let index = 0; index < flow.count; index++) {
			fake.state.users.set(`M-${index}`, { ExternalId: `M-${index}`, FirstName: `First ${index}`, LastName: 'Bench', Email: `user${index}@example.com` });
		}
		fs.rmSync(heapFile, { force: true });
		const result = await executeWorkflow(folder, flow.id, 600_000, heapEnv);
		await fake.whenIdle();
		const heap = fs.existsSync(heapFile) ? JSON.parse(fs.readFileSync(heapFile, 'utf8')) : undefined;
		fs.rmSync(heapFile, { force: true });
		live[flow.kind][flow.count] = heap?.collected ? heap.after.heapUsed : undefined;
		// The process's own VmHWM, read at exit before the preload's gc(), which could otherwise raise it.
		if (heap?.peakRssBytes) result.peakRssBytes = heap.peakRssBytes;
		const out = result.run ? itemsOn(runDataOf(result.run), 'Under Test', 0).length : 0;
		if (result.code !== 0 || out !== flow.count) throw new Error(`RSS run ${flow.id}: exit ${result.code}, ${out} of ${flow.count} items out\n${result.output.slice(-1500)}`);
		peaks[flow.kind][flow.count] = result.peakRssBytes;
		console.log(`    ${flow.kind === 'node' ? 'Get' : 'No Op'}, ${flow.count} items: peak RSS ${mb(result.peakRssBytes)} MB, heap left after the run (gc() at exit) ${mb(live[flow.kind][flow.count]) ?? '(not read)'} MB`);
	}
	const growth = (kind) => (peaks[kind][RSS_ITEMS] - peaks[kind][RSS_SMALL]) / 2 ** 20;
	const liveGrowth = (kind) => (live[kind][RSS_ITEMS] !== undefined && live[kind][RSS_SMALL] !== undefined ? round((live[kind][RSS_ITEMS] - live[kind][RSS_SMALL]) / 2 ** 20, 1) : null);
	const nodeGrowth = growth('node');
	const baseline = growth('noOp');
	return {
		line: line.version,
		items: [RSS_SMALL, RSS_ITEMS],
		peakRssMb: { get: { [RSS_SMALL]: mb(peaks.node[RSS_SMALL]), [RSS_ITEMS]: mb(peaks.node[RSS_ITEMS]) }, noOp: { [RSS_SMALL]: mb(peaks.noOp[RSS_SMALL]), [RSS_ITEMS]: mb(peaks.noOp[RSS_ITEMS]) } },
		growthMb: round(nodeGrowth, 1),
		noOpGrowthMb: round(baseline, 1),
		nodeShareMb: round(nodeGrowth - baseline, 1),
		liveHeapAtExitMb: { get: { [RSS_SMALL]: mb(live.node[RSS_SMALL]), [RSS_ITEMS]: mb(live.node[RSS_ITEMS]) }, noOp: { [RSS_SMALL]: mb(live.noOp[RSS_SMALL]), [RSS_ITEMS]: mb(live.noOp[RSS_ITEMS]) } },
		liveHeapGrowthMb: liveGrowth('node'),
		noOpLiveHeapGrowthMb: liveGrowth('noOp'),
		target: `growth ${RSS_SMALL} → ${RSS_ITEMS} items < 100 MB`,
		met: nodeGrowth < 100,
	};
}
const mb = (bytes) => (bytes ? round(bytes / 2 ** 20, 1) : null);

// ---------------------------------------------------------------------------------------------------
// Packages, machine, table

/** `npm pack` of each package of the checkout at `root`, as test/e2e/lib/packages.js packPackages does for this one. */
async function packFrom(root, workDir) {
	const packed = [];
	const newestSource = newestMtime(['nodes', 'credentials', 'packages'].map((dir) => path.join(root, dir)), /\.ts$/, /[\\/](dist|node_modules)[\\/]/);
	for (const dir of PACKAGE_DIRS.map((packageDir) => path.join(root, path.relative(ROOT, packageDir)))) {
		const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
		const bundles = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) => path.join(dir, file));
		const missing = bundles.filter((file) => !fs.existsSync(file));
		if (missing.length) throw new Error(`${pkg.name} is not built (${missing.map((file) => path.relative(root, file)).join(', ')} missing): run \`npm run build\` first`);
		const oldestBundle = Math.min(...bundles.map((file) => fs.statSync(file).mtimeMs));
		if (newestSource > oldestBundle) console.warn(`  WARNING: ${path.relative(root, dir) || '.'}/dist is older than the sources: the benchmark measures the last build (run \`npm run build\`)`);
		const result = await mustRun('npm', ['pack', '--pack-destination', workDir, '--silent'], { cwd: dir });
		packed.push({ name: pkg.name, dir, tarball: path.join(workDir, result.stdout.trim().split('\n').pop()) });
	}
	return packed;
}

function newestMtime(dirs, include, exclude) {
	let newest = 0;
	const walk = (dir) => {
		for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
			const full = path.join(dir, entry.name);
			if (exclude.test(`${full}/`)) continue;
			if (entry.isDirectory()) walk(full);
			else if (include.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
		}
	};
	dirs.forEach(walk);
	return newest;
}

function machine() {
	let cpu = os.cpus()[0]?.model ?? 'unknown';
	try {
		cpu = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
	} catch {
		// no /proc/cpuinfo
	}
	return {
		cpu,
		cores: os.cpus().length,
		memoryGb: round(os.totalmem() / 2 ** 30, 1),
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		runnerNode: process.version,
		loadAverageAtStart: os.loadavg().map((value) => round(value, 2)),
	};
}

const withWorst = (value, worst) => (worst !== undefined && worst !== value ? `${value} (worst ${worst})` : String(value));

function formatTable(results) {
	const header = ['row', 'line', 'exec s', 'floor s', 'ratio', 'ok', 'error out', 'created', 'dup', 'lost', '429s', 'requests', 'target', 'result'];
	const body = results.map((row) => [
		row.key,
		row.line,
		row.executionSeconds?.toFixed(2) ?? '-',
		row.floorSeconds.toFixed(2),
		row.ratio?.toFixed(2) ?? '-',
		String(row.ok ?? '-'),
		String(row.errorOutput ?? '-'),
		String(row.created),
		withWorst(row.duplicates, row.worstDuplicates),
		withWorst(row.lost, row.worstLost),
		String(row.throttled),
		Object.entries(row.requests ?? {}).map(([method, count]) => `${count} ${method}`).join(' + ') || '-',
		row.target ?? '-',
		row.failed ? 'FAILED' : row.met === undefined ? '' : row.met ? `met${row.speedupVsHttpPattern ? ` (${row.speedupVsHttpPattern}× HTTP)` : ''}` : `missed${row.speedupVsHttpPattern ? ` (${row.speedupVsHttpPattern}× HTTP)` : ''}`,
	]);
	const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column].length)));
	const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------------

async function main() {
	const started = Date.now();
	const lines = selectedLines();
	const info = machine();
	console.log(`bench:n8n: ${N} users per row, fake Cirrus answering after ${LATENCY_MS} ms, at most ${MAX_IN_FLIGHT} in flight (429 + Retry-After: 1)`);
	console.log(`floors: creates ${CREATE_FLOOR} s (${N} × ${LATENCY_MS} ms / ${MAX_IN_FLIGHT}); re-sync ${RESYNC_FLOOR} s ((${N} GETs + ${CHANGED} writes) × ${LATENCY_MS} ms / ${MAX_IN_FLIGHT})`);
	console.log(`machine: ${info.cpu}, ${info.cores} cores, load ${info.loadAverageAtStart.join(' ')}`);
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-n8n-'));
	const results = [];
	const rss = [];
	const lineInfo = [];
	try {
		console.log(`\npacking the packages from ${PACK_ROOT}`);
		const packages = await packFrom(PACK_ROOT, workDir);
		for (const line of lines) {
			console.log(`\n== ${line.label} (${line.version}, ${line.runtime})`);
			const installed = await installN8n(line);
			// 2.x's task runners (for the Code node; no row has one) are off, as on 1.x: `n8n execute` would boot
			// them while the row runs, which a long-running n8n did long before. BENCH_RUNNERS=1 keeps them.
			const folder = new N8nFolder(installed, path.join(workDir, `line-${line.key}`), RUNNERS ? {} : { N8N_RUNNERS_ENABLED: 'false' });
			await installFromReadme(folder.userFolder, packages);
			const nodeVersion = (await mustRun('node', ['--version'], { env: folder.env() })).stdout.trim();
			const n8nVersion = JSON.parse(fs.readFileSync(path.join(installed.installDir, 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
			lineInfo.push({ key: line.key, n8n: n8nVersion, node: nodeVersion });
			console.log(`  n8n ${n8nVersion} on Node ${nodeVersion}, packages installed with the READMEs' commands`);
			const fake = await startFakeCirrus({ token: TOKEN, latencyMs: LATENCY_MS, maxInFlight: MAX_IN_FLIGHT, recordRequests: true });
			try {
				const lineRows = selectedRows(rows(fake.baseUrl));
				await folder.importCredentials([
					{ id: 'benchCirrusCred', name: 'Cirrus (bench)', type: 'cirrusAssessmentApi', data: { token: TOKEN, environment: 'custom', baseUrl: fake.baseUrl } },
					{ id: 'benchHeaderCred', name: 'Cirrus EAPI header (bench)', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `EAPI ${TOKEN}` } },
				]);
				await folder.importWorkflows(lineRows.filter((row) => row.workflow).map((row) => row.workflow));
				for (const row of lineRows) {
					const outcome = await runRowRepeated(row, () => (row.reference ? runReference(folder, fake, row, line) : runRow(folder, fake, row, line)));
					results.push(outcome);
					console.log(
						`  ${row.key}: ${outcome.failed ? `FAILED (${outcome.failed.slice(0, 300)})` : `${outcome.executionSeconds} s (${outcome.ratio}× floor${outcome.runs.length > 1 ? `; runs ${outcome.runs.map((run) => run.executionSeconds).join(', ')} s` : ''}), ok ${outcome.ok}, error output ${outcome.errorOutput}`}, created ${outcome.created}, duplicates ${outcome.duplicates}, lost ${outcome.lost}${outcome.runs.length > 1 ? ` (worst of ${outcome.runs.length} runs: duplicates ${outcome.worstDuplicates}, lost ${outcome.worstLost})` : ''}, 429s ${outcome.throttled}, wall ${outcome.wallSeconds} s`,
					);
				}
				if (RSS_ENABLED) {
					console.log(`  RSS of the n8n process (VmHWM), Get at Max Concurrent Requests 10 vs a No Op, ${RSS_SMALL} and ${RSS_ITEMS} items:`);
					rss.push(await measureRss(folder, fake, line));
				}
			} finally {
				await fake.stop();
			}
		}
	} finally {
		stopAll();
		if (!process.env.BENCH_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
		else console.log(`kept ${workDir}`);
	}

	for (const row of results) {
		const target = selectedRows(rows('')).find((candidate) => candidate.key === row.key)?.target;
		if (target && !row.failed) row.met = target.check(row, results);
	}
	info.loadAverageAtEnd = os.loadavg().map((value) => round(value, 2));
	info.lines = lineInfo;
	const table = formatTable(results);
	const rssLines = rss.map(
		(entry) =>
			`RSS, n8n ${entry.line}: Get ${entry.items[0]} → ${entry.items[1]} items: ${entry.peakRssMb.get[entry.items[0]]} → ${entry.peakRssMb.get[entry.items[1]]} MB, growth ${entry.growthMb} MB (No Op in its place: ${entry.noOpGrowthMb} MB; the node's share ${entry.nodeShareMb} MB); target < 100 MB: ${entry.met ? 'met' : 'missed'}. Heap left after the run (gc() at exit): ${entry.liveHeapAtExitMb.get[entry.items[0]]} → ${entry.liveHeapAtExitMb.get[entry.items[1]]} MB, growth ${entry.liveHeapGrowthMb} MB (No Op: ${entry.noOpLiveHeapGrowthMb} MB)`,
	);
	const notes = [
		`exec s: the node's executionTime from n8n's run data (for the HTTP pattern, the sum over its GET, IF, PATCH and POST nodes); the run with the median of ${REPEAT} (httpBatch1s: 1 run), whose counts are shown; targets are judged on that time and on the worst dup and lost of all runs (all runs: bench/results-n8n.json).`,
		"bare*: reference rows without n8n (bench/n8n/bare-client.js, the repository's axios on the line's Node); their exec s is the client's own time for its requests, without the process's start.",
		'floor: requests the job needs × 20 ms / 10 in flight. created: users the API created; dup: extra creates + POSTs refused as taken; lost: wanted users the API does not hold as wanted; 429s: requests the API refused; requests: all requests received, 429s included.',
	];
	const machineLine = `${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB, ${info.os}; ${lineInfo.map((entry) => `n8n ${entry.n8n} on Node ${entry.node}`).join(', ')}; ${new Date().toISOString().slice(0, 10)}; load average ${info.loadAverageAtStart[0]} at start`;
	console.log(`\n${table}\n\n${rssLines.join('\n')}${rssLines.length ? '\n' : ''}${notes.join('\n')}\nmachine: ${machineLine}`);
	const output = {
		benchmark: 'bench:n8n',
		date: new Date().toISOString(),
		settings: { n: N, repeat: REPEAT, taskRunners: RUNNERS, latencyMs: LATENCY_MS, maxInFlight: MAX_IN_FLIGHT, changed: CHANGED, rssItems: RSS_ENABLED ? [RSS_SMALL, RSS_ITEMS] : null, packedFrom: PACK_ROOT, rows: process.env.BENCH_ROWS ?? 'all' },
		floors: { createSeconds: CREATE_FLOOR, resyncSeconds: RESYNC_FLOOR },
		machine: info,
		rows: results,
		rss,
		markdown: `${table}\n\n${rssLines.join('\n\n')}\n\nMachine: ${machineLine}.`,
		durationSeconds: Math.round((Date.now() - started) / 1000),
	};
	fs.writeFileSync(OUT_FILE, `${JSON.stringify(output, null, 2)}\n`);
	console.log(`\nwritten to ${path.relative(process.cwd(), OUT_FILE) || OUT_FILE} in ${output.durationSeconds} s`);
	const missed = results.filter((row) => row.failed || row.met === false).map((row) => `${row.key} on ${row.line}`);
	const rssMissed = rss.filter((entry) => !entry.met).map((entry) => `RSS on ${entry.line}`);
	if (missed.length || rssMissed.length) {
		console.log(`targets missed or rows failed: ${[...missed, ...rssMissed].join(', ')}`);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	console.error(`\nbench:n8n FAILED: ${error.stack ?? error}`);
	stopAll();
	process.exit(1);
});
