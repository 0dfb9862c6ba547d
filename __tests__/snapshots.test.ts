import { synthesizeLandingZone, synthesized } from "./helpers";

// A tripwire, not a test of any property: every change to the synthesized Terraform shows up here for review.
// Security properties have targeted tests of their own.
describe("synthesized stacks of the example config", () => {
  for (const [name, stack] of synthesizeLandingZone()) {
    it(`${name} is unchanged`, () => {
      expect(synthesized(stack).json).toMatchSnapshot();
    });
  }
});
