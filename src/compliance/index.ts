import type { Control } from "./control";
import { FOUNDATION_CONTROLS } from "./controls/foundation";
import { IDENTITY_CONTROLS } from "./controls/identity";

/** Every control of the landing zone; each area keeps its controls in its own file under controls/. */
export const CONTROLS: readonly Control[] = [...FOUNDATION_CONTROLS, ...IDENTITY_CONTROLS];
