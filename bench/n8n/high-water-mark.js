'use strict';
// A process's peak RSS so far (VmHWM), for bench:n8n's sampler (run.js) and for the n8n process itself
// at its exit (heap-at-exit.js).
const fs = require('fs');

/** VmHWM of `pid` ('self' for this process) in bytes, or undefined when it has exited or there is no /proc. */
function readHighWaterMark(pid) {
	try {
		const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

module.exports = { readHighWaterMark };
