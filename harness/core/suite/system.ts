/** The system under test, as reports name it. */
export const SYSTEM = 'Hazelcast';
