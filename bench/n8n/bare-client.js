#!/usr/bin/env node
'use strict';
// A reference for `npm run bench:n8n`: what a bare client reaches against the same fake Cirrus (20 ms,
// at most 10 in flight, in a process of its own as in the benchmark), without n8n. 1 000 POST /user
// (BENCH_N) by plain axios at 10 in flight, in three ways:
//   new         a new connection per request, as n8n's request helper opens them;
//   new-spaced  the same, requests leaving one per turn of the event loop as this package's limiter lets
//               them (one setTimeout(0) tick, what n8n-workflow's sleep(0) is);
//   keep-alive  one pool of connections, which n8n's helper does not offer.
// The benchmark's floor (requests × 20 ms / 10) ignores what connections and event loops cost; this shows
// how much of a row's ratio that is, and, against new-spaced, how much is n8n's own work per item.
//   node bench/n8n/bare-client.js                                  (all three, against a fake of its own)
//   node bench/n8n/bare-client.js --base <API base URL> --mode <m> (for bench:n8n: one way, against a fake
//                                                                   it started; the result as one JSON line)
// Loopback only; the fake's process is stopped by its PID; every loop is bounded by BENCH_N.
const { fork } = require('child_process');
const http = require('http');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const LATENCY_MS = 20;
const MAX_IN_FLIGHT = 10;
const MODES = {
	new: { keepAlive: false, spaced: false, label: 'a new connection per request' },
	'new-spaced': { keepAlive: false, spaced: true, label: 'a new connection per request, one leaving per turn' },
	'keep-alive': { keepAlive: true, spaced: false, label: 'keep-alive' },
};
const axios = require('axios');
const N = Number(process.env.BENCH_N ?? 1000);
/** The fake's token: its own fake's, or the one bench:n8n's fake takes (BENCH_TOKEN). */
const TOKEN = process.env.BENCH_TOKEN ?? 'bare';

/** The child process: the fake Cirrus, until the parent says stop. */
function serveFake() {
	const { startFakeCirrus } = require(path.join(REPO, 'test/fake-cirrus/server'));
	startFakeCirrus({ latencyMs: LATENCY_MS, maxInFlight: MAX_IN_FLIGHT, recordRequests: false, token: TOKEN }).then((fake) => {
		process.send({ port: fake.port });
		process.on('message', () => fake.stop().then(() => process.exit(0)));
	});
}

/** Lets callers go one per setTimeout(0) tick, the first at once: the limiter's OnePerTurn, without n8n. */
function onePerTurn() {
	const waiting = [];
	let spacing = false;
	const letNextGo = () => {
		const next = waiting.shift();
		if (next === undefined) {
			spacing = false;
			return;
		}
		next();
		setTimeout(letNextGo, 0);
	};
	return async () => {
		if (spacing) return await new Promise((resolve) => waiting.push(resolve));
		spacing = true;
		setTimeout(letNextGo, 0);
	};
}

async function run(base, modeName) {
	const mode = MODES[modeName];
	const agent = new http.Agent({ keepAlive: mode.keepAlive });
	const depart = mode.spaced ? onePerTurn() : async () => undefined;
	const latencies = [];
	let next = 0;
	const started = Date.now();
	const worker = async () => {
		while (next < N) {
			const index = next++;
			await depart();
			const sent = Date.now();
			const answer = await axios.post(
				`${base}/user`,
				{ ExternalId: `BARE-${modeName}-${index}`, FirstName: 'Bare', LastName: 'Client' },
				{ headers: { Authorization: `EAPI ${TOKEN}` }, httpAgent: agent, validateStatus: () => true, timeout: 30_000 },
			);
			if (answer.status !== 200) throw new Error(`POST ${index}: HTTP ${answer.status}`);
			latencies.push(Date.now() - sent);
		}
	};
	await Promise.all(Array.from({ length: MAX_IN_FLIGHT }, worker));
	agent.destroy();
	latencies.sort((a, b) => a - b);
	return { mode: modeName, label: mode.label, n: N, ok: latencies.length, seconds: (Date.now() - started) / 1000, medianMs: latencies[Math.floor(N / 2)], p90Ms: latencies[Math.floor(N * 0.9)] };
}

async function main() {
	const fake = fork(__filename, ['--fake'], { stdio: 'inherit' });
	try {
		const { port } = await new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('the fake did not start within 20 s')), 20_000);
			fake.once('message', (message) => {
				clearTimeout(timer);
				resolve(message);
			});
		});
		const base = `http://127.0.0.1:${port}/api/v1/integrations`;
		const floor = (N * LATENCY_MS) / MAX_IN_FLIGHT / 1000;
		for (const modeName of Object.keys(MODES)) {
			const result = await run(base, modeName);
			console.log(
				`bare axios, ${result.label}: ${N} POSTs in ${result.seconds} s (${(result.seconds / floor).toFixed(2)}× the ${floor} s floor); ` +
					`latency median ${result.medianMs} ms, p90 ${result.p90Ms} ms`,
			);
		}
	} finally {
		fake.send('stop');
		setTimeout(() => fake.kill('SIGKILL'), 5_000).unref();
	}
}

function argument(name) {
	const at = process.argv.indexOf(name);
	return at === -1 ? undefined : process.argv[at + 1];
}

const fail = (error) => {
	console.error(error);
	process.exitCode = 1;
};
if (process.argv[2] === '--fake') {
	serveFake();
} else if (argument('--base') !== undefined) {
	const modeName = argument('--mode') ?? 'new';
	if (!MODES[modeName]) fail(new Error(`--mode must be one of ${Object.keys(MODES).join(', ')} (got "${modeName}")`));
	else run(argument('--base'), modeName).then((result) => console.log(JSON.stringify(result)), fail);
} else {
	main().catch(fail);
}
