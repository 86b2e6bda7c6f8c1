'use strict';
// Preloaded into `n8n execute` for bench:n8n's RSS runs (NODE_OPTIONS=--expose-gc --require <this file>).
// At exit, once the workflow has run and its data is no longer reachable, it writes to BENCH_HEAP_FILE:
// - peakRssBytes: the process's peak RSS (VmHWM), read before anything below can move it;
// - after: process.memoryUsage() after V8's gc(), the heap the run left behind. It shows whether a
//   run keeps memory past its end (a leak across executions); it cannot split the peak itself into
//   garbage and live data, since the execution's data is gone by then.
const fs = require('fs');
const { readHighWaterMark } = require('./high-water-mark');

const file = process.env.BENCH_HEAP_FILE;
if (file) {
	process.on('exit', () => {
		const peakRssBytes = readHighWaterMark('self') ?? null;
		const collected = typeof globalThis.gc === 'function';
		if (collected) globalThis.gc();
		fs.writeFileSync(file, JSON.stringify({ peakRssBytes, collected, after: process.memoryUsage() }));
	});
}
