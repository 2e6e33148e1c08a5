// `secmatrix containers setup | status | teardown`: the local container engine and images for the
// container target where no registry is reachable. Users with Docker and a registry need none of it.
import type { Command } from 'commander';

const out = (line: string) => process.stdout.write(`${line}\n`);

/** The families' images beside core's (the CQL family: Apache Cassandra built locally). */
async function familyImages(): Promise<import('../core/containers/setup.ts').FamilyImage[]> {
  const { buildCassandraImage, localCassandraImage } = await import('../cql/cassandra/image.ts');
  const { LOCAL_CASSANDRA_REPO } = await import('../cql/containers.ts');
  return [
    {
      step: 'Apache Cassandra image',
      repo: LOCAL_CASSANDRA_REPO,
      image: () => Promise.resolve(localCassandraImage()),
      build: (log) => buildCassandraImage(log),
    },
  ];
}

export function registerContainersCommand(program: Command): void {
  const cmd = program.command('containers').description('set up, inspect or tear down the local container engine (rootful Podman) and images');
  cmd
    .command('setup')
    .description(
      'install and configure rootful Podman with its API socket, build the Debian base, reference member, services and Cassandra images (idempotent)',
    )
    .action(async () => {
      const started = performance.now();
      const { setupContainers } = await import('../core/containers/setup.ts');
      await setupContainers(out, await familyImages());
      out(`containers ready in ${((performance.now() - started) / 1000).toFixed(1)} s: DOCKER_HOST=unix:///run/podman/podman.sock`);
    });
  cmd
    .command('status')
    .description('show the engine, its socket, the images and any secmatrix container left behind')
    .action(async () => {
      const { containersStatus } = await import('../core/containers/setup.ts');
      const s = await containersStatus(await familyImages());
      out(`podman: ${s.podman ?? 'not installed'}`);
      out(`API socket /run/podman/podman.sock: ${s.socket ? 'answers' : 'not answering'}`);
      for (const i of s.images) out(`image ${i.name}: ${i.present ? 'present' : 'missing'}`);
      out(s.leftovers.length ? `secmatrix containers left: \n  ${s.leftovers.join('\n  ')}` : 'no secmatrix container left');
      process.exitCode = s.podman && s.socket && s.images.every((i) => i.present) ? 0 : 1;
    });
  cmd
    .command('teardown')
    .description('remove secmatrix containers and stop the API service setup started (--images: also remove the images)')
    .option('--images', 'also remove the images setup built')
    .action(async (opts: { images?: boolean }) => {
      const { teardownContainers } = await import('../core/containers/setup.ts');
      await teardownContainers(out, { images: !!opts.images, familyImages: await familyImages() });
    });
}
