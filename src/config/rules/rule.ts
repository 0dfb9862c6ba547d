import type { ConfigIssue } from "../errors";
import type { LandingZoneConfig } from "../schema";

/**
 * A cross-field rule: what the schema cannot say about one field alone. Each rule is a small pure function that
 * returns every problem it finds, each with its config path.
 */
export type ConfigRule = (config: LandingZoneConfig) => ConfigIssue[];
