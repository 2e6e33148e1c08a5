// "reference@TAG": a second reference member "version" (another tag of its image), so a
// multi-version run works where Hazelcast Enterprise cannot run — without a license.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REFERENCE_MEMBER_REPO } from '../../../harness/core/containers/images.ts';
import { ContainerTarget, referenceVersionImage } from '../../../harness/hazelcast/targets/container.ts';
import { isReferenceVersion } from '../../../harness/hazelcast/targets/reference-version.ts';

describe('reference versions', () => {
  let license: string | undefined;
  beforeEach(() => {
    license = process.env['HZ_LICENSEKEY'];
    delete process.env['HZ_LICENSEKEY'];
  });
  afterEach(() => {
    if (license !== undefined) process.env['HZ_LICENSEKEY'] = license;
  });

  it('names the reference member image: a tag of its repository, or a whole image', () => {
    expect(isReferenceVersion('reference')).toBe(true);
    expect(isReferenceVersion('reference@b')).toBe(true);
    expect(isReferenceVersion('5.5.0')).toBe(false);
    expect(referenceVersionImage('reference')).toBeUndefined();
    expect(referenceVersionImage('reference@b')).toBe(`${REFERENCE_MEMBER_REPO}:b`);
    expect(referenceVersionImage('reference@registry.local/hz/ref:1')).toBe('registry.local/hz/ref:1');
    expect(() => referenceVersionImage('reference@')).toThrow(/give a tag or an image/);
  });

  it('needs no license and says which image it runs', () => {
    const t = new ContainerTarget({ serverVersion: 'reference@b' });
    expect(t.serverVersion).toBe(`reference-member (container image ${REFERENCE_MEMBER_REPO}:b)`);
    expect(() => new ContainerTarget({ serverVersion: '5.5.0' })).toThrow(/license/);
  });
});
