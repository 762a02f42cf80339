/**
 * Group commit: requests that arrive together share one trip to storage.
 *
 * Each `submit` joins a queue; the queue is handed to storage once the current turn of the
 * event loop has read every request that had arrived (setImmediate runs after the poll phase
 * that parsed them), as one batch of at most `maxBatch` items. While a batch is being
 * committed, new requests queue for the next one, which starts as soon as a batch slot is
 * free, so the busier the server, the fuller each batch: one transaction and one sync to disk
 * carry many votes instead of one each.
 *
 * Every item gets its own result; when the batch fails, every item in it rejects with that
 * error, so no request of a batch is acknowledged unless all of them are stored.
 */
/**
 * Items per batch at most, for every storage: enough to carry a flood in a few batches, few
 * enough that one transaction stays short (256 ballots commit in a few milliseconds).
 */
export const MAX_BATCH = 256;

export interface GroupCommitOptions {
  /** Items per batch at most: bounds a transaction's size and the wait of the last item. */
  maxBatch: number;
  /** Batches in progress at once (1 for a single writer such as SQLite). */
  maxInFlight: number;
}

/** Stores a batch; resolves with one result per item, in the items' order. */
export type CommitBatch<Item, Result> = (items: readonly Item[]) => Promise<readonly Result[]>;

interface Pending<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<Item, Result> {
  private queue: Pending<Item, Result>[] = [];
  private scheduled = false;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly commit: CommitBatch<Item, Result>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every item submitted so far has its result (before closing storage). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.inFlight > 0) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      void this.run(this.queue.splice(0, this.options.maxBatch));
    }
  }

  private async run(batch: Pending<Item, Result>[]): Promise<void> {
    this.inFlight++;
    let outcome: { results: readonly Result[] } | { error: unknown };
    try {
      outcome = { results: await this.commit(batch.map((pending) => pending.item)) };
    } catch (error) {
      outcome = { error };
    }
    this.inFlight--;
    // What queued meanwhile has been read already: it goes to storage before this batch's
    // answers are written, so that writing them overlaps the next commit instead of delaying it.
    this.flush();
    if ('results' in outcome) batch.forEach((pending, index) => pending.resolve(outcome.results[index]!));
    else for (const pending of batch) pending.reject(outcome.error);
    if (this.queue.length === 0 && this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }
}
