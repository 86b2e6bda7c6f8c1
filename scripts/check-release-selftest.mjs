#!/usr/bin/env node
// Proof that scripts/check-release.mjs refuses what it must (run by scripts/verify-packages.sh): a copy of
// both packages' metadata set to a real-looking repository passes, and each of these is refused: the
// workflow running in another repository, a tag that is not the version, and this repository's own
// placeholders (OWNER, an example.com author), which must never reach npm.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expectedMeta } from './package-meta.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const KMI_DIR = join('packages', 'n8n-nodes-kmi-learning');
const CHECK = join(ROOT, 'scripts', 'check-release.mjs');
const read = (file) => JSON.parse(readFileSync(file, 'utf8'));

function copyOfPackages(edit) {
	const root = mkdtempSync(join(tmpdir(), 'check-release-'));
	mkdirSync(join(root, KMI_DIR), { recursive: true });
	const rootPackage = read(join(ROOT, 'package.json'));
	edit?.(rootPackage);
	const kmiPackage = { ...read(join(ROOT, KMI_DIR, 'package.json')), ...expectedMeta(rootPackage, KMI_DIR) };
	writeFileSync(join(root, 'package.json'), JSON.stringify(rootPackage));
	writeFileSync(join(root, KMI_DIR, 'package.json'), JSON.stringify(kmiPackage));
	for (const dir of ['.', KMI_DIR]) copyFileSync(join(ROOT, dir, 'LICENSE'), join(root, dir, 'LICENSE'));
	return { root, version: rootPackage.version };
}

function check(root, env) {
	try {
		const out = execFileSync(process.execPath, [CHECK, '--root', root], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', stdio: 'pipe' });
		return { status: 0, out };
	} catch (error) {
		return { status: error.status, out: `${error.stdout}${error.stderr}` };
	}
}

const real = (pkg) => {
	pkg.repository = { type: 'git', url: 'git+https://github.com/acme-learning/n8n-nodes-cirrus-assessment.git' };
	pkg.homepage = 'https://github.com/acme-learning/n8n-nodes-cirrus-assessment#readme';
	pkg.author = { name: 'Acme Learning', email: 'n8n@acme-learning.test' };
};
const good = copyOfPackages(real);
const placeholders = copyOfPackages();
const tag = (version) => ({ GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: version });
const cases = [
	['a release from the repository the packages name passes', good.root, { GITHUB_REPOSITORY: 'acme-learning/n8n-nodes-cirrus-assessment', ...tag(`v${good.version}`) }, 0, 'all checks passed'],
	['a workflow in another repository is refused', good.root, { GITHUB_REPOSITORY: 'someone/fork', ...tag(`v${good.version}`) }, 1, 'repository.url is'],
	['a tag that is not the version is refused', good.root, { GITHUB_REPOSITORY: 'acme-learning/n8n-nodes-cirrus-assessment', ...tag('v99.0.0') }, 1, 'does not match version'],
	["this repository's placeholders are refused", placeholders.root, { GITHUB_REPOSITORY: 'OWNER/n8n-nodes-cirrus-assessment', ...tag(`v${placeholders.version}`) }, 1, 'is a placeholder'],
];
let failed = 0;
try {
	for (const [what, root, env, status, words] of cases) {
		const result = check(root, env);
		const passed = result.status === status && result.out.includes(words);
		console.log(`  ${passed ? 'ok  ' : 'FAIL'}  check-release: ${what} (exit ${result.status})`);
		if (!passed) {
			failed += 1;
			console.log(result.out);
		}
	}
} finally {
	for (const { root } of [good, placeholders]) rmSync(root, { recursive: true, force: true });
}
if (failed > 0) {
	console.error(`check-release self-test: ${failed} case(s) failed`);
	process.exit(1);
}
