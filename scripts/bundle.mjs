#!/usr/bin/env node
// Builds each package of this repository into its own dist/: one CommonJS bundle per node and per
// credential that the package's `n8n` block lists, with the shared core (nodes/shared) compiled into
// each bundle and n8n-workflow left to n8n (a peer dependency). So each tarball holds what it needs,
// has no runtime dependencies, and loads alone. No source maps or type declarations: the sources do
// not ship. Icons and codex files are copied by `gulp build:icons`.
import { build } from 'esbuild';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { PACKAGE_DIRS } from './packages.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

for (const dir of PACKAGE_DIRS) {
	const packageDir = join(ROOT, dir);
	const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
	const outputs = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
	const entryPoints = {};
	for (const output of outputs) {
		if (!/^dist\/.+\.js$/.test(output)) throw new Error(`${pkg.name}: ${output} is not a dist/…js path`);
		const source = join(packageDir, output.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		if (!existsSync(source)) throw new Error(`${pkg.name}: no source ${relative(ROOT, source)} for ${output}`);
		entryPoints[output.replace(/^dist\//, '').replace(/\.js$/, '')] = source;
	}
	rmSync(join(packageDir, 'dist'), { recursive: true, force: true });
	await build({
		entryPoints,
		outdir: join(packageDir, 'dist'),
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node18',
		external: ['n8n-workflow'],
		sourcemap: false,
		legalComments: 'none',
		logLevel: 'warning',
	});
	console.log(`bundled ${pkg.name}: ${outputs.join(', ')}`);
}
