'use strict';
// n8n's queue mode with both packages: one main process and two workers (`n8n worker`), each with its
// own user folder holding the packages installed with exactly the READMEs' commands, the same
// encryption key, a throwaway Redis (Bull queue) and PostgreSQL (shared database) on loopback
// (lib/services.js). A Webhook → Create or Update → Respond to Webhook workflow per package takes 100
// POSTs sent at once, for 25 external IDs (each four times, back to back, with distinct first names),
// against the fake APIs answering after 20 ms; the executions run on both workers.
// - Cirrus (which refuses a second user with the same external ID): exactly 25 users, none created twice,
//   exactly one `created` answer per ID, every execution succeeded, both workers ran executions.
// - KMI (which accepts a second user with the same external ID): every request answered by a successful
//   execution, every user the node reports exists with its external ID, every `created` it reports is one
//   user in the LMS. Duplicates from races across workers are possible and not asserted away: the suite
//   measures and prints them (lines starting "QUEUE MEASURED"), with which value ends up stored when the
//   four requests for one ID overlap across workers.
const assert = require('assert/strict');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { startFakeCirrus } = require('../../fake-cirrus/server');
const { startFakeKmi } = require('../../fake-kmi/server');
const { N8nFolder } = require('../lib/n8n');
const { installFromReadme, nodeTypes } = require('../lib/packages');
const { httpRequest, waitFor } = require('../lib/processes');
const { startPostgres, startRedis } = require('../lib/services');

const IDS = 25;
const COPIES = 4;
const WORKERS = 2;
const WORKER_CONCURRENCY = 10;
const LATENCY_MS = 20;
const TOKEN = 'e2e-queue-token-4f3e2d1c';
const KMI_KEY = 'e2e0917e-3333-4444-8555-a66677778888';
const KMI_SECRET = 'e2e-queue-secret-9a8b7c';
const REQUEST_LIMIT_MS = 180_000;
const OPERATIONS = ['created', 'updated', 'unchanged'];

const pad = (n) => String(n).padStart(2, '0');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Webhook (POST `hookPath`, answered by the Respond node) → Create or Update → Respond with the execution id and the node's output. */
function webhookFlow(id, { hookPath, type, credentials, parameters }) {
	const node = (name, nodeType, typeVersion, position, extra) => ({ id: `${id}-${name.replace(/\W+/g, '-')}`, name, type: nodeType, typeVersion, position, ...extra });
	return {
		id,
		name: `E2E queue: ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			node('Webhook', 'n8n-nodes-base.webhook', 2, [0, 0], {
				parameters: { httpMethod: 'POST', path: hookPath, responseMode: 'responseNode', options: {} },
				webhookId: crypto.randomUUID(),
			}),
			node('Create or Update', type, 1, [220, 0], { parameters: { resource: 'user', operation: 'upsert', ...parameters }, credentials }),
			node('Respond to Webhook', 'n8n-nodes-base.respondToWebhook', 1.1, [440, 0], {
				parameters: { respondWith: 'json', responseBody: '={{ { "executionId": $execution.id, "result": $json } }}', options: {} },
			}),
		],
		connections: {
			Webhook: { main: [[{ node: 'Create or Update', type: 'main', index: 0 }]] },
			'Create or Update': { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] },
		},
	};
}

/** 25 IDs × 4 requests, the four for one ID back to back, each with its own first name ("Round 0" … "Round 3", in send order). */
function requestBodies(prefix, extra) {
	const bodies = [];
	for (let n = 0; n < IDS; n++) {
		for (let round = 0; round < COPIES; round++) {
			const externalId = `${prefix}-${pad(n)}`;
			bodies.push({ externalId, firstName: `Round ${round}`, lastName: 'Queue', email: `${externalId.toLowerCase()}@example.com`, ...extra(externalId) });
		}
	}
	return bodies;
}

/** Sends every body at once; returns each answer with its body, send index and times. */
async function postAll(url, bodies) {
	const started = Date.now();
	const answers = await Promise.all(
		bodies.map(async (body, index) => {
			const sentAt = Date.now();
			const answer = await httpRequest('POST', url, body, {}, REQUEST_LIMIT_MS).catch((error) => ({ status: 0, text: String(error) }));
			let json;
			try {
				json = JSON.parse(answer.text);
			} catch {
				json = undefined;
			}
			return { index, body, status: answer.status, text: answer.text, json, sentAt, answeredAt: Date.now() };
		}),
	);
	const latencies = answers.map((answer) => answer.answeredAt - answer.sentAt).sort((a, b) => a - b);
	return { answers, wallMs: Date.now() - started, medianMs: latencies[Math.floor(latencies.length / 2)], maxMs: latencies[latencies.length - 1] };
}

/** Execution id → index of the worker whose log says it started it ("Worker started execution N (job M)"). */
function executionsByWorker(workers) {
	const byExecution = new Map();
	workers.forEach((worker, index) => {
		for (const match of worker.log().matchAll(/Worker started execution (\d+)/g)) {
			const id = match[1];
			assert.ok(!byExecution.has(id) || byExecution.get(id) === index, `execution ${id} was started by two workers`);
			byExecution.set(id, index);
		}
	});
	return byExecution;
}

/** Waits until n8n recorded `count` finished executions of the workflow, then returns them. */
async function finishedExecutions(postgres, workflowId, count) {
	const sql = `SELECT id, status, (extract(epoch FROM "startedAt") * 1000)::bigint, (extract(epoch FROM "stoppedAt") * 1000)::bigint
		FROM execution_entity WHERE "workflowId" = '${workflowId}' ORDER BY id`;
	let rows = [];
	await waitFor(`${count} finished executions of ${workflowId} in the database`, async () => {
		rows = await postgres.query(sql);
		return rows.length >= count && rows.every(([, status, , stoppedAt]) => !['new', 'running', 'waiting'].includes(status) && stoppedAt !== '');
	}, { limitMs: 90_000, intervalMs: 500 });
	return rows.map(([id, status, startedAt, stoppedAt]) => ({ id, status, startedAt: Number(startedAt), stoppedAt: Number(stoppedAt) }));
}

/**
 * The checks both runs share, and what they measure: answers, executions, worker split, and for each ID
 * whether its executions overlapped in time on different workers (a race across processes).
 */
async function checkRun(label, { run, postgres, workers, workflowId, externalIdOf }) {
	const { answers } = run;
	const failedAnswers = answers.filter((answer) => answer.status !== 200 || !OPERATIONS.includes(answer.json?.result?._operation));
	assert.deepEqual(
		failedAnswers.map((answer) => `#${answer.index} ${answer.body.externalId}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`),
		[],
		`${label}: every request is answered with the node's outcome`,
	);
	for (const answer of answers) assert.equal(externalIdOf(answer.json.result), answer.body.externalId, `${label}: #${answer.index} answered for another user`);

	const executions = await finishedExecutions(postgres, workflowId, answers.length);
	assert.equal(executions.length, answers.length, `${label}: one execution per request`);
	const notSucceeded = executions.filter((execution) => execution.status !== 'success');
	assert.deepEqual(notSucceeded.map((execution) => `${execution.id}: ${execution.status}`), [], `${label}: every execution succeeded`);
	const answeredIds = answers.map((answer) => String(answer.json.executionId));
	assert.equal(new Set(answeredIds).size, answers.length, `${label}: each request had its own execution`);
	assert.deepEqual([...answeredIds].sort(), executions.map((execution) => execution.id).sort(), `${label}: the answers' executions are the recorded ones`);

	const byWorker = executionsByWorker(workers);
	const missing = answeredIds.filter((id) => !byWorker.has(id));
	assert.deepEqual(missing, [], `${label}: executions no worker log names (did main run them?)`);
	const split = workers.map((_, index) => answeredIds.filter((id) => byWorker.get(id) === index).length);
	split.forEach((count, index) => assert.ok(count > 0, `${label}: worker ${index + 1} ran no execution (split ${split.join('/')})`));

	// Overlap in time (startedAt–stoppedAt, as n8n recorded them) of the executions for one ID, across workers.
	const executionById = new Map(executions.map((execution) => [execution.id, execution]));
	const perId = new Map();
	for (const answer of answers) {
		const execution = executionById.get(String(answer.json.executionId));
		const entry = { ...answer, execution, worker: byWorker.get(execution.id) };
		perId.set(answer.body.externalId, [...(perId.get(answer.body.externalId) ?? []), entry]);
	}
	let overlappingPairs = 0;
	let crossWorkerPairs = 0;
	const racedIds = [];
	for (const [id, entries] of perId) {
		let raced = false;
		for (let i = 0; i < entries.length; i++) {
			for (let j = i + 1; j < entries.length; j++) {
				const [a, b] = [entries[i].execution, entries[j].execution];
				if (a.startedAt < b.stoppedAt && b.startedAt < a.stoppedAt) {
					overlappingPairs += 1;
					if (entries[i].worker !== entries[j].worker) {
						crossWorkerPairs += 1;
						raced = true;
					}
				}
			}
		}
		if (raced) racedIds.push(id);
	}
	const operations = Object.fromEntries(OPERATIONS.map((operation) => [operation, answers.filter((answer) => answer.json.result._operation === operation).length]));
	return { perId, split, operations, overlappingPairs, crossWorkerPairs, racedIds };
}

/** For each ID: is the stored first name the last one sent, and the one of the execution that finished last? */
function whichValueWins(perId, storedFirstName) {
	let lastSent = 0;
	let lastFinished = 0;
	const notSent = [];
	for (const [id, entries] of perId) {
		const stored = storedFirstName(id);
		if (!entries.some((entry) => entry.body.firstName === stored)) notSent.push(`${id}: ${stored}`);
		if (stored === entries[entries.length - 1].body.firstName) lastSent += 1;
		const finishedLast = [...entries].sort((a, b) => a.execution.stoppedAt - b.execution.stoppedAt).pop();
		if (stored === finishedLast.body.firstName) lastFinished += 1;
	}
	return { lastSent, lastFinished, notSent };
}

module.exports = {
	name: 'queue',
	lines: ['1', '2'],
	async run({ line, packages, workDir, step }) {
		const types = nodeTypes();
		const measured = { line: `${line.label} ${line.version}`, timings: {} };
		const started = Date.now();
		const cleanups = [];
		const tag = `QUEUE MEASURED (${line.version})`;
		try {
			fs.mkdirSync(workDir, { recursive: true });
			const cirrus = await startFakeCirrus({ token: TOKEN, latencyMs: LATENCY_MS });
			cleanups.push(() => cirrus.stop());
			const kmi = await startFakeKmi({ keys: { [KMI_KEY]: KMI_SECRET }, latencyMs: LATENCY_MS });
			cleanups.push(() => kmi.stop());

			const userFolders = ['main', ...Array.from({ length: WORKERS }, (_, index) => `worker-${index + 1}`)].map((name) => {
				const dir = path.join(workDir, name);
				fs.mkdirSync(path.join(dir, '.n8n'), { recursive: true });
				return dir;
			});
			cleanups.push(() => {
				if (!process.env.E2E_KEEP) for (const dir of userFolders) fs.rmSync(dir, { recursive: true, force: true });
			});

			let redis;
			let postgres;
			await step(`start Redis and PostgreSQL 15; install both packages into main and ${WORKERS} worker user folders (README commands)`, async () => {
				const t0 = Date.now();
				const timedStart = async (name, start) => {
					const service = await start();
					measured.timings[name] = Date.now() - t0;
					return service;
				};
				const outcomes = await Promise.allSettled([
					timedStart('redis', startRedis),
					timedStart('postgres', startPostgres),
					(async () => {
						await Promise.all(userFolders.map((dir) => installFromReadme(dir, packages)));
						measured.timings.install = Date.now() - t0;
					})(),
				]);
				// Whatever started is stopped at the end (after n8n), also when something else failed.
				const startedServices = outcomes.slice(0, 2).filter((outcome) => outcome.status === 'fulfilled').map((outcome) => outcome.value);
				cleanups.push(() => Promise.all(startedServices.map((service) => service.stop())));
				const failure = outcomes.find((outcome) => outcome.status === 'rejected');
				if (failure) throw failure.reason;
				[redis, postgres] = [outcomes[0].value, outcomes[1].value];
				for (const dir of userFolders) {
					const installed = fs.readdirSync(path.join(dir, '.n8n', 'nodes', 'node_modules')).filter((entry) => entry.startsWith('n8n-'));
					assert.deepEqual(installed.sort(), packages.map((pkg) => pkg.name).sort(), `${dir}: the packages, and nothing else of n8n's`);
				}
			});

			const queueEnv = {
				...redis.env,
				...postgres.env,
				EXECUTIONS_MODE: 'queue',
				// Bounded stops at the end; nothing is running by then.
				N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '15',
			};
			const [main, ...workerFolders] = userFolders.map((dir) => new N8nFolder(line, dir, queueEnv));
			const sameKey = new Set([main, ...workerFolders].map((folder) => folder.env().N8N_ENCRYPTION_KEY));
			assert.equal(sameKey.size, 1, 'main and workers share one encryption key');

			const hooks = { cirrus: 'queue-e2e-cirrus', kmi: 'queue-e2e-kmi' };
			const cirrusCredential = { cirrusAssessmentApi: { id: 'queueCirrusCred', name: 'Cirrus (queue)' } };
			const kmiCredential = { kmiLearningApi: { id: 'queueKmiCred', name: 'KMI (queue)' } };
			const cirrusFlow = webhookFlow('queueCirrusHook', {
				hookPath: hooks.cirrus,
				type: types.cirrusAssessment,
				credentials: cirrusCredential,
				parameters: {
					externalId: '={{ $json.body.externalId }}',
					firstName: '={{ $json.body.firstName }}',
					lastName: '={{ $json.body.lastName }}',
					email: '={{ $json.body.email }}',
					additionalFields: {},
				},
			});
			const kmiFlow = webhookFlow('queueKmiHook', {
				hookPath: hooks.kmi,
				type: types.kmiLearning,
				credentials: kmiCredential,
				parameters: {
					externalId: '={{ $json.body.externalId }}',
					email: '={{ $json.body.email }}',
					firstName: '={{ $json.body.firstName }}',
					lastName: '={{ $json.body.lastName }}',
					loginName: '={{ $json.body.loginName }}',
					additionalFields: {},
				},
			});
			await step('import credentials and both webhook workflows into the shared database, activate them (n8n stopped)', async () => {
				const t0 = Date.now();
				await main.importCredentials([
					{ id: 'queueCirrusCred', name: 'Cirrus (queue)', type: 'cirrusAssessmentApi', data: { token: TOKEN, environment: 'custom', baseUrl: cirrus.baseUrl } },
					{ id: 'queueKmiCred', name: 'KMI (queue)', type: 'kmiLearningApi', data: { baseUrl: kmi.baseUrl, apiKey: KMI_KEY, apiSecret: KMI_SECRET } },
				]);
				measured.timings.migrateAndImportCredentials = Date.now() - t0;
				await main.importWorkflows([cirrusFlow, kmiFlow]);
				await Promise.all([main.activate(cirrusFlow.id), main.activate(kmiFlow.id)]);
				measured.timings.importAndActivate = Date.now() - t0;
			});

			let mainProcess;
			let workers = [];
			await step(`start main and ${WORKERS} workers (--concurrency=${WORKER_CONCURRENCY}); wait until the webhooks are registered`, async () => {
				const t0 = Date.now();
				const startedProcesses = [];
				cleanups.push(() => Promise.all(startedProcesses.map((instance) => instance.stop())));
				const started = (instance) => {
					startedProcesses.push(instance);
					return instance;
				};
				// n8n's /healthz answers before the active workflows' webhooks are registered; a POST then gets a
				// 404 and runs nothing. A CORS preflight (OPTIONS with Origin) answers 204, naming POST, only once
				// the path is registered, and runs nothing either: it is the gate before any request. Both are
				// watched from the start, so that the gap between them is measured whatever main.start() waits for.
				const mainPorts = await main.freshPorts();
				const mainUrl = `http://127.0.0.1:${mainPorts.n8n}`;
				let watching = true;
				const firstSeen = (what, check) =>
					waitFor(what, async () => {
						if (!watching) throw new Error(`${what}: no longer watched`);
						return await check();
					}, { limitMs: 180_000, intervalMs: 250 }).then(() => Date.now() - t0);
				const healthz = firstSeen('main answers /healthz', async () => (await httpRequest('GET', `${mainUrl}/healthz`, undefined, {}, 5_000).catch(() => undefined))?.status === 200);
				const webhooks = firstSeen('the webhooks are registered', async () => {
					for (const hookPath of Object.values(hooks)) {
						const answer = await httpRequest('OPTIONS', `${mainUrl}/webhook/${hookPath}`, undefined, {
							Origin: 'http://127.0.0.1',
							'Access-Control-Request-Method': 'POST',
						}, 5_000).catch(() => undefined);
						if (!(answer?.status === 204 && /POST/.test(String(answer.headers['access-control-allow-methods'])))) return false;
					}
					return true;
				});
				// Settled at once, so that a failed start leaves no unhandled rejection behind.
				const watched = Promise.allSettled([healthz, webhooks]);
				const outcomes = await Promise.allSettled([
					main
						.start({ ports: mainPorts, limitMs: 180_000 })
						.then(started)
						.then(async (instance) => {
							measured.timings.mainStarted = Date.now() - t0;
							const [healthzAt, webhooksAt] = await watched;
							if (webhooksAt.status === 'rejected') throw webhooksAt.reason;
							measured.timings.webhooks = webhooksAt.value;
							if (healthzAt.status === 'fulfilled') {
								measured.timings.mainHealthz = healthzAt.value;
								measured.timings.webhooksAfterHealthz = webhooksAt.value - healthzAt.value;
							}
							return instance;
						})
						.finally(() => {
							watching = false;
						}),
					...workerFolders.map((folder) =>
						folder
							.start({
								command: ['worker', `--concurrency=${WORKER_CONCURRENCY}`],
								ready: (instance) => /n8n worker is now ready/.test(instance.log()),
								limitMs: 180_000,
							})
							.then(started),
					),
				]);
				const failure = outcomes.find((outcome) => outcome.status === 'rejected');
				if (failure) throw failure.reason;
				[mainProcess, ...workers] = outcomes.map((outcome) => outcome.value);
				measured.timings.n8nStart = Date.now() - t0;
				assert.ok(!/Unrecognized node type/i.test(workers.map((worker) => worker.log()).join('\n')), 'a worker does not know the packages\' nodes');
			});

			// --- Cirrus ---
			const cirrusBodies = requestBodies('QC', () => ({}));
			let cirrusRun;
			await step(`Cirrus: ${cirrusBodies.length} concurrent POSTs for ${IDS} IDs (×${COPIES}), fake Cirrus at ${LATENCY_MS} ms`, async () => {
				cirrusRun = await postAll(`${mainProcess.baseUrl}/webhook/${hooks.cirrus}`, cirrusBodies);
				measured.timings.cirrusRequests = cirrusRun.wallMs;
			});
			await step('Cirrus: check users, executions and workers', async () => {
				const result = await checkRun('Cirrus', { run: cirrusRun, postgres, workers, workflowId: cirrusFlow.id, externalIdOf: (user) => user?.ExternalId });
				await cirrus.whenIdle();
				const state = cirrus.snapshot();
				const ids = [...result.perId.keys()];
				assert.deepEqual(Object.keys(state.users).sort(), ids.sort(), 'Cirrus: exactly the 25 users');
				for (const id of ids) assert.equal(state.createdById[id], 1, `Cirrus: ${id} created ${state.createdById[id]} times`);
				for (const [id, entries] of result.perId) {
					assert.equal(entries.filter((entry) => entry.json.result._operation === 'created').length, 1, `Cirrus: ${id}: exactly one execution reports 'created'`);
				}
				const posts = Object.values(state.postsById).reduce((sum, count) => sum + count, 0);
				const wins = whichValueWins(result.perId, (id) => state.users[id].FirstName);
				assert.deepEqual(wins.notSent, [], 'Cirrus: each stored first name is one that was sent');
				measured.cirrus = {
					split: result.split,
					operations: result.operations,
					creates: Object.values(state.createdById).reduce((sum, count) => sum + count, 0),
					posts,
					fellBackToUpdate: posts - IDS,
					idsWithRefusedCreate: Object.values(state.postsById).filter((count) => count > 1).length,
					racedIds: result.racedIds.length,
					crossWorkerPairs: result.crossWorkerPairs,
					overlappingPairs: result.overlappingPairs,
					storedIsLastSent: wins.lastSent,
					storedIsLastFinished: wins.lastFinished,
					requests: { wallMs: cirrusRun.wallMs, medianMs: cirrusRun.medianMs, maxMs: cirrusRun.maxMs },
				};
				const m = measured.cirrus;
				console.log(
					`  ${tag} Cirrus: workers ${m.split.join('/')}; ${m.creates} users created for ${IDS} IDs; ${m.posts} creates sent, ` +
						`${m.fellBackToUpdate} refused by Cirrus and turned into an update (on ${m.idsWithRefusedCreate} IDs); answers ${JSON.stringify(m.operations)}; ` +
						`${m.racedIds}/${IDS} IDs had executions overlapping across workers (${m.crossWorkerPairs} cross-worker pairs, ${m.overlappingPairs} overlapping pairs); ` +
						`stored first name = last sent on ${m.storedIsLastSent}/${IDS} IDs, = the execution that finished last on ${m.storedIsLastFinished}/${IDS}; ` +
						`requests: ${seconds(m.requests.wallMs)} for all, median ${m.requests.medianMs} ms, slowest ${m.requests.maxMs} ms`,
				);
			});

			// --- KMI ---
			const kmiBodies = requestBodies('QK', (externalId) => ({ loginName: externalId.toLowerCase() }));
			let kmiRun;
			await step(`KMI: ${kmiBodies.length} concurrent POSTs for ${IDS} IDs (×${COPIES}), fake KMI at ${LATENCY_MS} ms`, async () => {
				kmiRun = await postAll(`${mainProcess.baseUrl}/webhook/${hooks.kmi}`, kmiBodies);
				measured.timings.kmiRequests = kmiRun.wallMs;
			});
			await step('KMI: check answers against the LMS, measure duplicates', async () => {
				const result = await checkRun('KMI', { run: kmiRun, postgres, workers, workflowId: kmiFlow.id, externalIdOf: (user) => user?.externalId });
				await kmi.whenIdle();
				const live = kmi.users(KMI_KEY);
				const usersOf = (id) => live.filter((user) => user.externalId === id);
				for (const answer of kmiRun.answers) {
					const reported = answer.json.result;
					assert.ok(
						live.some((user) => user.id === reported.id && user.externalId === reported.externalId),
						`KMI: #${answer.index}: the user the node reports (id ${reported.id}, ${reported.externalId}) is not in the LMS`,
					);
				}
				for (const id of result.perId.keys()) assert.ok(usersOf(id).length >= 1, `KMI: ${id} has no user`);
				const created = Object.values(Object.fromEntries(kmi.state.createdById)).reduce((sum, count) => sum + count, 0);
				assert.equal(result.operations.created, created, "KMI: each 'created' the node reports is one user created in the LMS, and no other user was created");
				assert.equal(live.length, created, 'KMI: nothing deleted, nothing else created');
				const duplicateIds = [...result.perId.keys()].filter((id) => usersOf(id).length > 1);
				// The user GET by external ID finds (the first one created) is the one later runs update.
				const wins = whichValueWins(result.perId, (id) => usersOf(id)[0].firstName);
				assert.deepEqual(wins.notSent, [], 'KMI: each stored first name is one that was sent');
				measured.kmi = {
					split: result.split,
					operations: result.operations,
					users: live.length,
					duplicates: live.length - IDS,
					possible: kmiBodies.length - IDS,
					duplicateIds: duplicateIds.length,
					racedIds: result.racedIds.length,
					crossWorkerPairs: result.crossWorkerPairs,
					overlappingPairs: result.overlappingPairs,
					storedIsLastSent: wins.lastSent,
					storedIsLastFinished: wins.lastFinished,
					requests: { wallMs: kmiRun.wallMs, medianMs: kmiRun.medianMs, maxMs: kmiRun.maxMs },
				};
				const m = measured.kmi;
				console.log(
					`  ${tag} KMI: ${m.duplicates} DUPLICATE USERS created, of ${m.possible} possible (every request after its ID's first) ` +
						`(${m.users} users for ${IDS} IDs; ${m.duplicateIds} IDs with more than one user), ` +
						`out of ${m.racedIds}/${IDS} IDs whose executions overlapped across workers (${m.crossWorkerPairs} cross-worker pairs, ${m.overlappingPairs} overlapping pairs); ` +
						`workers ${m.split.join('/')}; answers ${JSON.stringify(m.operations)}; ` +
						`first user's first name = last sent on ${m.storedIsLastSent}/${IDS} IDs, = the execution that finished last on ${m.storedIsLastFinished}/${IDS}; ` +
						`requests: ${seconds(m.requests.wallMs)} for all, median ${m.requests.medianMs} ms, slowest ${m.requests.maxMs} ms`,
				);
			});
		} finally {
			const stopStarted = Date.now();
			// In reverse order of start: n8n's processes (they hold connections to Redis and PostgreSQL), then
			// the services, the user folders and the fakes. Each by PID (lib/processes.js), each attempted.
			for (const cleanup of cleanups.reverse()) {
				try {
					await cleanup();
				} catch (error) {
					console.error(`  queue suite cleanup: ${error.message}`);
				}
			}
			measured.timings.stop = Date.now() - stopStarted;
			measured.timings.suite = Date.now() - started;
			const t = measured.timings;
			const fmt = (ms) => (ms === undefined ? '–' : seconds(ms));
			console.log(
				`  ${tag} timings: suite ${fmt(t.suite)}; Redis ready ${fmt(t.redis)}, PostgreSQL ready ${fmt(t.postgres)}, package installs ${fmt(t.install)} (in parallel); ` +
					`import+activate ${fmt(t.importAndActivate)} (first CLI call, with the database migrations: ${fmt(t.migrateAndImportCredentials)}); main /healthz ${fmt(t.mainHealthz)}, its webhooks registered ${fmt(t.webhooks)} ` +
					`(${fmt(t.webhooksAfterHealthz)} after /healthz), main.start() ready ${fmt(t.mainStarted)}, main and workers ready ${fmt(t.n8nStart)}; ` +
					`100 Cirrus requests ${fmt(t.cirrusRequests)}, 100 KMI requests ${fmt(t.kmiRequests)}; stop ${fmt(t.stop)}`,
			);
		}
	},
};
