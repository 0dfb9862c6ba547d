/**
 * A problem the user caused and can fix (config, a policy over AWS's size limit, a quota, the output folder). Its
 * message names the input, where it is and the value, and is all the CLI prints: no stack trace. Anything thrown that
 * is not one is a bug in the landing zone, and the CLI says so (main.ts).
 */
export class LandingZoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LandingZoneError";
  }
}
