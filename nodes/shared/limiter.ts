/**
 * How many requests a run keeps in flight: at most Max Concurrent Requests, fewer while the API says
 * "too many" (additive increase, multiplicative decrease, as TCP does). A 429 halves the limit, once per
 * burst: 429s answering requests sent before the last halving do not halve it again. Each success
 * raises the limit by 1 / limit, so one more request fits after a full round of successes.
 */
export class AdaptiveLimit {
	private limit: number;
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];
	private lastDecreaseAt = 0;

	constructor(private readonly max: number) {
		this.limit = max;
	}

	/** The current limit, for tests and the benchmark. */
	get current(): number {
		return Math.floor(this.limit);
	}

	/** Resolves with the time the slot was given, once a request may go out; call release() after its answer. */
	async acquire(): Promise<number> {
		if (this.waiting.length === 0 && this.inFlight < Math.floor(this.limit)) {
			this.inFlight += 1;
		} else {
			// wakeUp() counts the slot before it lets this request go.
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		return Date.now();
	}

	release(): void {
		this.inFlight -= 1;
		this.wakeUp();
	}

	/** An answer that was not "too many": one step up, up to the maximum. */
	onSuccess(): void {
		this.limit = Math.min(this.max, this.limit + 1 / this.limit);
		this.wakeUp();
	}

	/** A 429 for a request sent at `sentAt`: halve, unless this burst already did. */
	onThrottled(sentAt: number): void {
		if (sentAt < this.lastDecreaseAt) return;
		this.limit = Math.max(1, this.limit / 2);
		this.lastDecreaseAt = Date.now();
	}

	private wakeUp(): void {
		while (this.waiting.length > 0 && this.inFlight < Math.floor(this.limit)) {
			this.inFlight += 1;
			this.waiting.shift()!();
		}
	}
}
