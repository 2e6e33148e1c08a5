// Messages of the management side: user code deployment (Client.DeployClasses), Management Center
// tasks (MC.*) and dynamic configuration (DynamicConfig.*), as the Java client 5.7.0 encodes them.
import { defineMessage } from '../codec.ts';
import { t } from '../types.ts';

/** Class name -> class file bytes (ClientUserCodeDeploymentService.deploy). */
export const ClientDeployClasses = defineMessage({
  name: 'Client.DeployClasses',
  id: 0x000d00,
  request: { classDefinitions: t.entries(t.string, t.bytes) },
  response: {},
});

export const MCGetTimedMemberState = defineMessage({
  name: 'MC.GetTimedMemberState',
  id: 0x200b00,
  request: {},
  response: { timedMemberStateJson: t.nullable(t.string) },
});

/**
 * DynamicConfig.AddMapConfig: only the leading fields are decoded (the fixed ones up to
 * readBackupData, then the name); the member keeps the name and ignores the rest of the frames
 * (eviction, store, near cache, indexes ...), which it does not model.
 */
export const DynamicConfigAddMapConfig = defineMessage({
  name: 'DynamicConfig.AddMapConfig',
  id: 0x1b0c00,
  request: { backupCount: t.int, asyncBackupCount: t.int, timeToLiveSeconds: t.int, maxIdleSeconds: t.int, name: t.string },
  response: {},
});
