'use strict';
// Preloaded into `n8n execute` for bench:n8n's RSS runs (NODE_OPTIONS=--expose-gc --require <this file>).
// Peak RSS counts garbage V8 has not collected yet as much as memory the run keeps; this tells them
// apart. At exit, after the peak was read, it runs a full collection and writes process.memoryUsage()
// to BENCH_HEAP_FILE: the heap that is still live once the workflow has run.
const fs = require('fs');

const file = process.env.BENCH_HEAP_FILE;
if (file) {
	process.on('exit', () => {
		const before = process.memoryUsage();
		if (typeof globalThis.gc === 'function') globalThis.gc();
		fs.writeFileSync(file, JSON.stringify({ collected: typeof globalThis.gc === 'function', before, after: process.memoryUsage() }));
	});
}
