// Injected faults. Each request is checked twice: 'before' (nothing written yet) and 'after' (the write happened),
// and only requests that passed auth and the rate limiter are checked. The first matching fault, in injection order, hits.
import type { Fault, FaultAction, SandboxEndpoint } from './types.js';

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

export class FaultSet {
  private faults: ActiveFault[] = [];

  inject(fault: Fault): void {
    if (fault.probability !== undefined && !(fault.probability >= 0 && fault.probability <= 1)) {
      throw new RangeError(`fault probability must be within 0..1, got ${fault.probability}`);
    }
    this.faults.push({ fault, remaining: fault.probability === undefined ? (fault.times ?? 1) : Infinity });
  }

  clear(): void {
    this.faults = [];
  }

  /** The action to apply to this request at this stage, consuming one hit of the fault, if any. */
  take(endpoint: SandboxEndpoint, when: Fault['when']): FaultAction | undefined {
    for (const active of this.faults) {
      const { fault } = active;
      if (fault.when !== when || (fault.endpoint !== '*' && fault.endpoint !== endpoint) || active.remaining <= 0) continue;
      if (fault.probability !== undefined) {
        if (Math.random() >= fault.probability) continue;
      } else {
        active.remaining--;
      }
      this.faults = this.faults.filter((f) => f.remaining > 0);
      return fault.action;
    }
    return undefined;
  }
}
