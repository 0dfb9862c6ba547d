import type { Control } from "../control";

/**
 * Controls that are designed but not built yet. They are listed so the compliance view does not overstate what the
 * landing zone does today. None today: the security services (issue 11) were the last planned ones.
 */
export const PLANNED_CONTROLS: readonly Control[] = [];
