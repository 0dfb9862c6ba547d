import type { Control } from "./control";
import { BASELINE_CONTROLS } from "./controls/baseline";
import { FOUNDATION_CONTROLS } from "./controls/foundation";
import { GUARDRAILS_CONTROLS } from "./controls/guardrails";
import { IDENTITY_CONTROLS } from "./controls/identity";
import { LOGGING_CONTROLS } from "./controls/logging";
import { NETWORK_CONTROLS } from "./controls/network";
import { PLANNED_CONTROLS } from "./controls/planned";
import { SECURITY_CONTROLS } from "./controls/security";

/** Every control of the landing zone; each area keeps its controls in its own file under controls/. */
export const CONTROLS: readonly Control[] = [
  ...FOUNDATION_CONTROLS,
  ...BASELINE_CONTROLS,
  ...GUARDRAILS_CONTROLS,
  ...NETWORK_CONTROLS,
  ...LOGGING_CONTROLS,
  ...IDENTITY_CONTROLS,
  ...SECURITY_CONTROLS,
  ...PLANNED_CONTROLS,
];
