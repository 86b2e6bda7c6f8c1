#!/usr/bin/env node
'use strict';
// `npm run test:e2e`: the packed packages inside real n8n, one runner for every real-n8n suite.
// - E2E_LINES picks n8n lines by key (test/e2e/lib/n8n.js: 1 = 1.123.81 on Node 20, 2 = 2.41.1 on
//   Node 24); all by default, as CI runs.
// - E2E_SUITES picks suites by name (test/e2e/suites/*.js); all by default. Each suite says which lines it runs on.
// n8n is installed once per version into a cache outside the repository. Loopback only; every process
// started here is stopped by PID (lib/processes.js).
const fs = require('fs');
const os = require('os');
const path = require('path');

const { installN8n, N8nFolder, selectedLines } = require('./lib/n8n');
const { installFromReadme, packPackages, ROOT } = require('./lib/packages');
const { stopAll } = require('./lib/processes');

const SUITE_ORDER = ['install', 'lifecycle', 'payloads', 'agent', 'faults', 'editor', 'queue'];

function selectedSuites() {
	const wanted = process.env.E2E_SUITES ? process.env.E2E_SUITES.split(',').map((name) => name.trim()) : SUITE_ORDER;
	for (const name of wanted) if (!SUITE_ORDER.includes(name)) throw new Error(`E2E_SUITES: unknown suite "${name}" (known: ${SUITE_ORDER.join(', ')})`);
	return SUITE_ORDER.filter((name) => wanted.includes(name)).map((name) => require(`./suites/${name}`));
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

async function main() {
	const started = Date.now();
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'CirrusAssessment', 'CirrusAssessment.node.js')) || !fs.existsSync(path.join(ROOT, 'packages', 'n8n-nodes-kmi-learning', 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	const lines = selectedLines();
	const suites = selectedSuites();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-e2e-'));
	const ran = [];
	try {
		const packages = await timed('npm pack', () => packPackages(workDir));
		for (const line of lines) {
			const lineSuites = suites.filter((suite) => suite.lines.includes(line.key));
			if (lineSuites.length === 0) continue;
			console.log(`\n== ${line.label} (${line.version}, ${line.runtime})`);
			const installed = await timed(`${line.label}: install or reuse n8n ${line.version}`, () => installN8n(line));
			const folder = new N8nFolder(installed, path.join(workDir, `line-${line.key}`));
			await timed(`${line.label}: install the packed packages with the READMEs' commands`, () => installFromReadme(folder.userFolder, packages));
			for (const suite of lineSuites) {
				const step = (label, work) => timed(`${line.label}: ${suite.name}: ${label}`, work);
				await timed(`${line.label}: suite ${suite.name}`, () =>
					suite.run({ line: installed, folder, packages, workDir: path.join(workDir, `${line.key}-${suite.name}`), step }),
				);
				ran.push(`${suite.name} on ${line.label} ${line.version}`);
			}
		}
	} finally {
		stopAll();
		if (!process.env.E2E_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
	}
	console.log(`\nE2E passed in ${((Date.now() - started) / 1000).toFixed(0)} s:\n  ${ran.join('\n  ')}`);
}

main().catch((error) => {
	console.error(`\nE2E FAILED: ${error.stack ?? error}`);
	stopAll();
	process.exit(1);
});
