import type { Workload } from '../support/harness.js';

/** One library set up in its own Nest application context, ready to publish. */
export interface InProcessSubject {
  /** One publish per operation; `expect` waits until every handler has been called. */
  readonly workload: Workload;
  /** Closes the application context, then checks that the last round saw exactly the expected handler calls. */
  close(): Promise<void>;
}
