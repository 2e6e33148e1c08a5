// The `mutual-auth` area of the Hazelcast conformance matrix (cells come from matrices/hazelcast/; see
// harness/core/suite).
import { hazelcastArea } from './area.ts';

hazelcastArea('mutual-auth');
