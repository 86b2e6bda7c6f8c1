'use strict';
// The packages under test: packed as npm would publish them, and installed into an n8n user folder with
// exactly the commands their READMEs give (the blocks marked "e2e: install by hand").
const fs = require('fs');
const path = require('path');

const { mustRun } = require('./processes');

const ROOT = path.resolve(__dirname, '../../..');

/** The packages this repository publishes (scripts/packages.mjs lists the same). */
const PACKAGE_DIRS = [ROOT, path.join(ROOT, 'packages', 'n8n-nodes-kmi-learning')];

/** `npm pack` of each package: [{ name, dir, tarball, nodes }]. */
async function packPackages(workDir) {
	const packed = [];
	for (const dir of PACKAGE_DIRS) {
		const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
		const result = await mustRun('npm', ['pack', '--pack-destination', workDir, '--silent'], { cwd: dir });
		const nodes = pkg.n8n.nodes.map((file) => {
			const base = path.basename(file, '.node.js');
			return base.charAt(0).toLowerCase() + base.slice(1);
		});
		packed.push({ name: pkg.name, dir, tarball: path.join(workDir, result.stdout.trim().split('\n').pop()), nodes });
	}
	return packed;
}

/** The shell lines of the fenced block that follows `marker` in a package's README. */
function readmeBlock(dir, marker) {
	const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
	const at = readme.indexOf(`<!-- e2e: ${marker}`);
	if (at < 0) throw new Error(`${dir}/README.md has no "<!-- e2e: ${marker}" block`);
	const block = /```bash\n([\s\S]*?)```/.exec(readme.slice(at));
	if (!block) throw new Error(`${dir}/README.md: no bash block after "e2e: ${marker}"`);
	return block[1].trim();
}

/**
 * Installs packed packages into `<user folder>/.n8n/nodes` by running their README's "install by hand"
 * lines with HOME set to the user folder, so that `~/.n8n` is the folder n8n uses; the package name is
 * the one thing replaced, by the tarball's path (the registry does not have this build).
 * `form` 'docker' runs the `sh -c '…'` part of the README's `docker exec` line instead.
 */
async function installFromReadme(userFolder, packages, form = 'byHand') {
	for (const pkg of packages) {
		let script;
		if (form === 'docker') {
			const line = readmeBlock(pkg.dir, 'install in docker').split('\n').find((entry) => entry.startsWith('docker exec'));
			const inner = /sh -c '([^']+)'/.exec(line ?? '');
			if (!inner) throw new Error(`${pkg.name}: no "docker exec … sh -c '…'" line in the README`);
			script = inner[1];
		} else {
			script = readmeBlock(pkg.dir, 'install by hand');
		}
		if (!script.includes(`npm install ${pkg.name} `)) throw new Error(`${pkg.name}: the README's install does not install ${pkg.name}`);
		const command = script.split(`npm install ${pkg.name} `).join(`npm install ${pkg.tarball} `);
		await mustRun('sh', ['-e', '-c', command], { env: { ...process.env, HOME: userFolder }, timeoutMs: 300_000 });
		if (!fs.existsSync(path.join(userFolder, '.n8n', 'nodes', 'node_modules', pkg.name, 'package.json'))) {
			throw new Error(`${pkg.name} is not in ${userFolder}/.n8n/nodes after the README's install`);
		}
	}
}

/** n8n node type of each node of the packages: { cirrusAssessment: 'n8n-nodes-cirrus-assessment.cirrusAssessment', … }. */
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

module.exports = { ROOT, PACKAGE_DIRS, packPackages, installFromReadme, readmeBlock, nodeTypes };
