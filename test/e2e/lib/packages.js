'use strict';
// The packages under test, packed as npm would publish them, and installed into an n8n user folder the
// way a user installs them by hand.
const fs = require('fs');
const path = require('path');

const { mustRun } = require('./processes');

const ROOT = path.resolve(__dirname, '../../..');

/** `npm pack` of the package: [{ name, tarball }]. */
async function packPackages(workDir) {
	const packed = [];
	for (const dir of PACKAGE_DIRS) {
		const { name } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
		const result = await mustRun('npm', ['pack', '--pack-destination', workDir, '--silent'], { cwd: dir });
		packed.push({ name, tarball: path.join(workDir, result.stdout.trim().split('\n').pop()) });
	}
	return packed;
}

/** Installs packed packages into `<user folder>/.n8n/nodes`, as n8n's community-package installer would. */
async function installPackages(folder, packages) {
	const nodesFolder = path.join(folder.userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesFolder, { recursive: true });
	if (!fs.existsSync(path.join(nodesFolder, 'package.json'))) {
		fs.writeFileSync(path.join(nodesFolder, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }));
	}
	// n8n itself provides n8n-workflow (the peer dependency), so it is not installed here.
	await mustRun(
		'npm',
		['install', ...packages.map((entry) => entry.tarball), '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', '--omit=dev'],
		{ cwd: nodesFolder },
	);
	for (const { name } of packages) {
		if (!fs.existsSync(path.join(nodesFolder, 'node_modules', name, 'package.json'))) throw new Error(`${name} is not in ${nodesFolder}`);
	}
}

/**
 * The package directories of this repository. Each holds one service's node(s) and credential(s) and
 * is packed and published on its own.
 */
const PACKAGE_DIRS = [ROOT];

/** n8n node type of each node in the packages: { cirrusAssessment: 'n8n-nodes-cirrus-assessment.cirrusAssessment', … }. */
function nodeTypes() {
	const types = {};
	for (const dir of PACKAGE_DIRS) {
		const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
		for (const file of pkg.n8n.nodes) {
			const node = path.basename(file, '.node.js');
			const name = node.charAt(0).toLowerCase() + node.slice(1);
			types[name] = `${pkg.name}.${name}`;
		}
	}
	return types;
}

module.exports = { ROOT, PACKAGE_DIRS, packPackages, installPackages, nodeTypes };
