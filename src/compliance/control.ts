import type { ClauseId } from "./clauses";

/**
 * How a control acts:
 * - preventive: the landing zone makes the bad state impossible (guardrail, configuration it enforces);
 * - detective: the landing zone notices and alerts (alarm, finding, rule);
 * - out-of-band: a step no API or Terraform resource can take; a documented manual step, verified by people;
 * - organisational: a process or duty of the organisation, outside any AWS configuration;
 * - planned: not built yet. Listed so the report shows what is missing; it never counts as serving a clause.
 */
export type ControlKind = "preventive" | "detective" | "out-of-band" | "organisational" | "planned";

export interface Control {
  /** Stable id, such as `region-deny`. */
  readonly id: string;
  /** What the control does, in one sentence. */
  readonly title: string;
  readonly kind: ControlKind;
  /** The policy clauses it serves. */
  readonly clauses: readonly ClauseId[];
  /** Where it lives: a stack, construct or document, such as `stacks/organization-stack.ts` or `docs/mfa.md`. */
  readonly where: string;
}
