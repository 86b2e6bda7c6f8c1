const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// The bundles hold only JavaScript (scripts/bundle.mjs): each package's node icons and codex files, and
// its credential icons, are copied beside them.
const PACKAGE_DIRS = ['.', 'packages/n8n-nodes-kmi-learning'];

function copy(packageDir, folder, pattern) {
	const copyFiles = () =>
		src(path.resolve(packageDir, folder, '**', pattern), { encoding: false, allowEmpty: true }).pipe(
			dest(path.resolve(packageDir, 'dist', folder)),
		);
	copyFiles.displayName = `${packageDir}/${folder}/${pattern}`;
	return copyFiles;
}

task(
	'build:icons',
	parallel(...PACKAGE_DIRS.flatMap((dir) => [copy(dir, 'nodes', '*.{png,svg,json}'), copy(dir, 'credentials', '*.{png,svg}')])),
);
