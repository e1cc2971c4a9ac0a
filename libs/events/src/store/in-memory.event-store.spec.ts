import { describeEventStoreConformance } from '../testing/event-store.conformance.js';
import { InMemoryEventStore } from './in-memory.event-store.js';

describeEventStoreConformance('in-memory', {
  open: async (options) => new InMemoryEventStore(options),
  clear: async (store) => void (await store.cleanup(new Date(8.64e15))),
});
