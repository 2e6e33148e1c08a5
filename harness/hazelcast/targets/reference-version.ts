// The server version that names the reference member's own image (not a Hazelcast release). In a
// module of its own so the CLI's option texts can name it without loading the container target.
export const REFERENCE_VERSION = 'reference';
