import type { Control } from "./control";
import { FOUNDATION_CONTROLS } from "./controls/foundation";
import { NETWORK_CONTROLS } from "./controls/network";

/** Every control of the landing zone; each area keeps its controls in its own file under controls/. */
export const CONTROLS: readonly Control[] = [...FOUNDATION_CONTROLS, ...NETWORK_CONTROLS];
