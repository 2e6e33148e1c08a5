// User code deployment, Management Center and dynamic configuration handlers:
// - DeployClassesMessageTask -> UserCodeDeploymentPermission(deploy) (no object name). With
//   <user-code-deployment enabled="true"> the classes are recorded (by name; nothing is loaded);
//   otherwise, the real member's default, a permitted deploy fails as the real one does
//   (UserCodeDeploymentService.defineClasses: IllegalStateException).
// - GetTimedMemberStateMessageTask -> ManagementPermission("member.getTimedMemberState"); answers a
//   small TimedMemberState JSON (the member's address and the cluster name).
// - AddMapConfigMessageTask (AbstractUpdateConfigMessageTask) -> ConfigPermission; the map
//   configuration's name is recorded, the rest of it is not modelled.
import { ClientDeployClasses, DynamicConfigAddMapConfig, MCGetTimedMemberState } from '../protocol/definitions/management.ts';
import { ErrorCode, MemberError } from '../protocol/errors.ts';
import { defineHandler, type Handler } from './handler.ts';
import { memberState } from './structure-support.ts';

const UCD_DISABLED =
  'User Code Deployment is not enabled. To enable User Code Deployment, do one of the following:\n' +
  '  - Change member config using Java API: config.getUserCodeDeploymentConfig().setEnabled(true);\n' +
  '  - Change XML/YAML configuration property: Set hazelcast.user-code-deployment.enabled to true\n' +
  '  - Add system property: -Dhz.user-code-deployment.enabled=true\n' +
  '  - Add environment variable: HZ_USERCODEDEPLOYMENT_ENABLED=true';

export const managementHandlers: Handler[] = [
  defineHandler(ClientDeployClasses, {
    permission: () => ({ type: 'user-code-deployment', name: 'user-code-deployment-service', action: 'deploy' }),
    handle: ({ member }, req) => {
      if (!member.userCodeDeployment) throw new MemberError(ErrorCode.ILLEGAL_STATE, 'java.lang.IllegalStateException', UCD_DISABLED);
      const deployed = memberState(member, 'deployed-classes', () => new Set<string>());
      for (const [className] of req.classDefinitions) deployed.add(className);
      return {};
    },
  }),
  defineHandler(MCGetTimedMemberState, {
    permission: () => ({ type: 'management', name: 'member.getTimedMemberState', action: '' }),
    handle: ({ member }) => ({
      timedMemberStateJson: JSON.stringify({
        time: Date.now(),
        clusterName: member.clusterName,
        memberState: { address: `[${member.host}]:${member.port}`, uuid: member.uuid },
      }),
    }),
  }),
  defineHandler(DynamicConfigAddMapConfig, {
    permission: () => ({ type: 'config', name: '<config>', action: '' }),
    handle: ({ member }, req) => {
      memberState(member, 'dynamic-map-configs', () => new Set<string>()).add(req.name);
      return {};
    },
  }),
];
