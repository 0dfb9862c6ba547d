import type { Control } from "./control";
import { FOUNDATION_CONTROLS } from "./controls/foundation";
import { LOGGING_CONTROLS } from "./controls/logging";

/** Every control of the landing zone; each area keeps its controls in its own file under controls/. */
export const CONTROLS: readonly Control[] = [...FOUNDATION_CONTROLS, ...LOGGING_CONTROLS];
