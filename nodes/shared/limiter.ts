import { sleep } from 'n8n-workflow';

/**
 * Lets requests leave one per turn of the event loop. n8n's request helper opens a new connection for
 * every request, and a new connection is only completed in a later turn. Requests started in one turn
 * (as after a burst of answers) therefore reach the API together, are answered together, and each one
 * also waits for the CPU work of all the others: at 10 in flight against a 20 ms API, a request took
 * 33 ms instead of 21. Spacing them keeps each request's time close to the API's own. A request leaves
 * at once unless another left within the last tick. A turn is one tick of n8n-workflow's sleep, the only
 * timer a verified node may use; a tick lasts at least 1 ms, so at most about 1 000 requests leave per
 * second, more than n8n's own work per request (about 1 ms) lets a run send.
 */
export class OnePerTurn {
	private readonly waiting: Array<() => void> = [];
	private spacing = false;

	async next(): Promise<void> {
		if (this.spacing) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
			return;
		}
		this.spacing = true;
		void sleep(0).then(this.letNextGo);
	}

	private readonly letNextGo = (): void => {
		const next = this.waiting.shift();
		if (next === undefined) {
			this.spacing = false;
			return;
		}
		next();
		void sleep(0).then(this.letNextGo);
	};
}

/** A request's place in flight, as it was when the request got it. */
export interface Slot {
	/** How often the limit had been lowered: answers to older slots belong to a burst already counted. */
	readonly generation: number;
	/** Whether the request took the last free slot: only then does its success say one more might fit. */
	readonly filledLimit: boolean;
}

/**
 * From the level the API refused, rounds of successes per step up: × 16 with each 429, up to 256. A try
 * costs the refused item a Retry-After (often 1 s, some 40 rounds of 25 ms) and a halving; at 256 rounds
 * a run tries again about every 6 s.
 */
const ROUNDS_PER_STEP_GROWTH = 16;
const MAX_ROUNDS_PER_STEP = 256;

/**
 * How many requests a run keeps in flight: at most Max Concurrent Requests, fewer while the API says
 * "too many" (additive increase, multiplicative decrease, as TCP does).
 * - A 429 halves the limit, once per burst: answers to requests that got their slot before the last
 *   halving neither halve it again nor raise it. It also remembers the limit the API refused.
 * - Below that level each success raises the limit by 1 / limit: one more request after a full round.
 *   Only requests that used the whole limit raise it: while fewer are out (say, because items wait out
 *   a Retry-After), successes say nothing about one more, and a limit grown then would let every
 *   waiting item go at once when they come back.
 * - From that level up the limit climbs more slowly, and more slowly after each 429 (16, then 256
 *   rounds per step), for the rest of the run. Every try above what the API takes costs a refused
 *   request its Retry-After, and one refused near the end of a run makes the whole run wait for it.
 * Requests that get a slot then leave one per turn of the event loop (OnePerTurn).
 */
export class AdaptiveLimit {
	private limit: number;
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];
	private generationNow = 0;
	private refusedAt = Infinity;
	private readonly departures = new OnePerTurn();

	constructor(private readonly max: number) {
		this.limit = max;
	}

	/** The current limit, for tests and the benchmark. */
	get current(): number {
		return Math.floor(this.limit);
	}

	/** How often the limit has been lowered; a Slot carries the value it had when it was given. */
	get generation(): number {
		return this.generationNow;
	}

	/** Resolves once a request may go out; call release() after its answer. */
	async acquire(): Promise<Slot> {
		if (this.waiting.length === 0 && this.inFlight < Math.floor(this.limit)) {
			this.inFlight += 1;
		} else {
			// wakeUp() counts the slot before it lets this request go.
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		const slot: Slot = { generation: this.generationNow, filledLimit: this.inFlight >= Math.floor(this.limit) };
		await this.departures.next();
		return slot;
	}

	release(): void {
		this.inFlight -= 1;
		this.wakeUp();
	}

	/** An answer that was not "too many" for the request given `slot`: a step up, up to the maximum. */
	onSuccess(slot: Slot): void {
		if (!slot.filledLimit || slot.generation !== this.generationNow) return;
		const belowRefused = Math.floor(this.limit) + 1 < this.refusedAt;
		const roundsPerStep = Math.min(MAX_ROUNDS_PER_STEP, ROUNDS_PER_STEP_GROWTH ** this.generationNow);
		const step = belowRefused ? 1 / this.limit : 1 / (this.limit * roundsPerStep);
		this.limit = Math.min(this.max, this.limit + step);
		this.wakeUp();
	}

	/** A 429 for the request given `slot`: halve, unless this burst already did. */
	onThrottled(slot: Slot): void {
		if (slot.generation !== this.generationNow) return;
		this.generationNow += 1;
		this.refusedAt = Math.floor(this.limit);
		this.limit = Math.max(1, this.limit / 2);
	}

	private wakeUp(): void {
		while (this.waiting.length > 0 && this.inFlight < Math.floor(this.limit)) {
			this.inFlight += 1;
			this.waiting.shift()!();
		}
	}
}
