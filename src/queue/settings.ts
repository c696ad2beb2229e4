/** The queue's settings: names, time limits and retry counts, each with its unit and its reason. */

/** The BullMQ queue every submitter and worker of one Redis database shares (its keys: `bull:gongkai:*`). */
export const QUEUE_NAME = 'gongkai';

/**
 * Tries of a document whose failure is the machine's (RETRIED_CODES: timeout, out-of-memory,
 * converter-missing, internal), the first included: another worker, maybe with more memory or a
 * converter installed, gets the later ones.
 */
export const TRANSIENT_ATTEMPTS = 3;

/** First wait before a transient failure is tried again, ms; doubled at each try (BullMQ exponential backoff). */
export const BACKOFF_MS = 2_000;

/**
 * Default time a job stays owned by a worker that stops renewing its lock (killed, host lost),
 * seconds: after it another worker takes the job. Long enough for a busy host's event loop to
 * renew the lock (every half of it), short enough that a lost worker delays little.
 */
export const LOCK_SECONDS = 30;

/**
 * Times a job may be found stalled (its worker gone) and given to another worker before it is
 * failed: a document that kills every worker that reads it must not go round forever.
 */
export const MAX_STALLED = 3;

/**
 * Finished jobs kept in Redis, seconds: long enough that a second submitter of the same files
 * sees them done; the results themselves live in the output folder, not in Redis.
 */
export const KEEP_FINISHED_SECONDS = 7 * 24 * 3600;

/** Jobs added per Redis round trip when enqueueing (addBulk): fewer round trips, bounded request size. */
export const ENQUEUE_BATCH = 500;

/**
 * How often a submitter asks Redis for the state of the jobs it waits on, ms, besides the
 * completion events it listens to: events are lost while Redis restarts, states are not.
 */
export const RECONCILE_MS = 1_000;

/** Jobs whose state is asked per reconciliation (one pipelined round trip each batch). */
export const RECONCILE_BATCH = 2_000;

/**
 * How long a submitter waits for an unreachable Redis before it gives up, seconds (the documents
 * already read stay in the output folder; a new run resumes).
 */
export const OUTAGE_LIMIT_SECONDS = 120;

/** How long the first connection may take before the queue is said unreachable, ms. */
export const CONNECT_TIMEOUT_MS = 5_000;

/** Failed jobs fetched per round trip by `gongkai queue retry-failed`. */
export const RETRY_BATCH = 500;

/** Failed jobs listed by `gongkai queue status` (the counts cover them all). */
export const STATUS_FAILED_LISTED = 50;

/**
 * After SIGTERM, how long past the per-document time limit `gongkai worker` waits for its
 * documents and connections to close before it stops anyway, and how long it waits for its pool
 * to close, seconds: a Redis that is away or a pool that cannot start a process must not keep a
 * stopped worker alive.
 */
export const CLOSE_GRACE_SECONDS = 10;

/**
 * bytes: a file only the submitting host can reach (a zip's member, an alias of a name that is not
 * UTF-8) travels inside its job up to this size; Redis holds it until the job is read. Disclosures
 * are a few MB; a larger file is left to the submitting host's own workers.
 */
export const INLINE_CONTENT_MAX_BYTES = 64 * 1024 * 1024;
