// The official hazelcast-client against the reference member over plain TCP, security disabled.
import { afterEach, describe, expect, test } from 'vitest';
import { plainConfig, timed, Tracker } from './support.ts';

const tracker = new Tracker();
afterEach(() => tracker.stopAll());

describe('plain connection, security disabled', () => {
  for (const smartRouting of [true, false]) {
    test(`${smartRouting ? 'smart' : 'unisocket'} client connects and does map put/get/remove/destroy`, async () => {
      const member = await tracker.member({ config: plainConfig() });
      const { ms, value: client, error } = await timed(tracker.client(member, { network: { smartRouting } }));
      expect(error).toBeUndefined();
      expect(ms).toBeLessThan(5_000);
      const map = await client!.getMap<string, string>('orders');
      expect(await map.put('k1', 'v1')).toBeNull();
      expect(await map.put('k1', 'v2')).toBe('v1');
      expect(await map.get('k1')).toBe('v2');
      expect(await map.get('missing')).toBeNull();
      expect(await map.remove('k1')).toBe('v2');
      expect(await map.get('k1')).toBeNull();
      await map.put('k2', 'v');
      await map.destroy();
      const again = await client!.getMap<string, string>('orders');
      expect(await again.get('k2')).toBeNull();
      const auth = member.events.find((e) => e.kind === 'authentication');
      expect(auth).toMatchObject({ status: 'AUTHENTICATED', clientType: 'NJS' });
    });
  }
});
