/**
 * Connections to the queue's Redis. The first one is a probe that gives up quickly, so that a
 * wrong address or a stopped server is a coded error at once; the ones used afterwards reconnect
 * without end (a Redis restart in the middle of a run is waited out, not fatal).
 */
import { Redis } from 'ioredis';
import { GongkaiError } from '../model/errors.js';
import { CONNECT_TIMEOUT_MS } from './settings.js';

/** The address without its password, for messages and logs. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** Fails with `queue-unreachable` when `url` is no Redis that answers within CONNECT_TIMEOUT_MS. */
export async function probeQueue(url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GongkaiError('queue-unreachable', `--queue ${url} is not an address (redis://HOST:PORT)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new GongkaiError('queue-unreachable', `--queue ${shownUrl(url)} is not a redis:// or rediss:// address`);
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError = '';
  probe.on('error', (e: Error) => void (lastError = e.message));
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    const reason = lastError || (e as Error).message;
    throw new GongkaiError('queue-unreachable', `cannot reach the queue at ${shownUrl(url)} (${reason})`, {
      cause: e,
    });
  } finally {
    probe.disconnect();
  }
}

/**
 * A connection for BullMQ: commands wait while Redis is away (BullMQ requires
 * maxRetriesPerRequest null) and it reconnects every second or two.
 */
export function openRedis(url: string, onError: (e: Error) => void = () => undefined): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(200 * times, 2_000),
  });
  redis.on('error', onError);
  return redis;
}
