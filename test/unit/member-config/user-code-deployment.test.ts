// <user-code-deployment>: the reference member reads `enabled` (whether Client.DeployClasses is
// accepted) and refuses the element's other settings with a clear error, in XML and YAML.
import { describe, expect, it } from 'vitest';
import { expectConfigError, xml, yaml } from './helpers.ts';

describe('user-code-deployment', () => {
  it('is off when absent, as on a real member', () => {
    expect(xml('<cluster-name>dev</cluster-name>').userCodeDeployment).toBeUndefined();
  });
  it('enabled="true" / enabled: true switches it on; false off', () => {
    expect(xml('<user-code-deployment enabled="true"/>').userCodeDeployment).toBe(true);
    expect(xml('<user-code-deployment enabled="false"/>').userCodeDeployment).toBe(false);
    expect(yaml('hazelcast:\n  user-code-deployment:\n    enabled: true\n').userCodeDeployment).toBe(true);
  });
  it('its children (class cache and provider modes, filters) are a ConfigError naming the element', () => {
    expectConfigError(
      () => xml('<user-code-deployment enabled="true"><class-cache-mode>ETERNAL</class-cache-mode></user-code-deployment>'),
      'member.xml',
      'user-code-deployment/class-cache-mode',
    );
    expectConfigError(
      () => yaml('hazelcast:\n  user-code-deployment:\n    enabled: true\n    provider-mode: LOCAL_CLASSES_ONLY\n'),
      'member.yaml',
      'user-code-deployment',
    );
  });
});
