import {
  availabilityZoneName,
  cidrsOverlap,
  cidrSyntaxProblem,
  overlappingPairs,
  planSubnets,
  subnetCidr,
  tierCidr,
  TIERS,
  vpcCidrProblem,
} from "../src/network/subnet-plan";

const cidrs = (plan: ReturnType<typeof planSubnets>) => Object.fromEntries(plan.map((s) => [`${s.tier}-${s.azIndex}`, s.cidr]));

describe("subnet plan", () => {
  it("cuts a /16 into fixed /18 tier blocks and /20 subnets per AZ, public-private-isolated in that order", () => {
    const plan = planSubnets({ cidr: "10.20.0.0/16", tiers: ["public", "private", "isolated"], availabilityZones: 3 }, "eu-west-2");
    expect(plan.map((s) => [s.tier, s.availabilityZone, s.cidr])).toEqual([
      ["public", "eu-west-2a", "10.20.0.0/20"],
      ["public", "eu-west-2b", "10.20.16.0/20"],
      ["public", "eu-west-2c", "10.20.32.0/20"],
      ["private", "eu-west-2a", "10.20.64.0/20"],
      ["private", "eu-west-2b", "10.20.80.0/20"],
      ["private", "eu-west-2c", "10.20.96.0/20"],
      ["isolated", "eu-west-2a", "10.20.128.0/20"],
      ["isolated", "eu-west-2b", "10.20.144.0/20"],
      ["isolated", "eu-west-2c", "10.20.160.0/20"],
    ]);
    expect(TIERS.map((t) => tierCidr("10.20.0.0/16", t))).toEqual(["10.20.0.0/18", "10.20.64.0/18", "10.20.128.0/18"]);
  });

  it("gives /28 subnets (AWS's smallest) for the smallest VPC allowed, a /24", () => {
    expect(subnetCidr("192.168.7.0/24", "public", 0)).toBe("192.168.7.0/28");
    expect(subnetCidr("192.168.7.0/24", "isolated", 3)).toBe("192.168.7.176/28");
  });

  it("never moves an existing subnet when a tier is added", () => {
    const before = cidrs(planSubnets({ cidr: "10.21.0.0/16", tiers: ["private"], availabilityZones: 2 }, "eu-west-2"));
    const after = cidrs(planSubnets({ cidr: "10.21.0.0/16", tiers: ["private", "isolated", "public"], availabilityZones: 2 }, "eu-west-2"));
    expect(after).toMatchObject(before);
    expect(Object.keys(after)).toHaveLength(6);
  });

  it("never moves an existing subnet when an AZ is added", () => {
    const before = cidrs(planSubnets({ cidr: "10.21.0.0/16", tiers: ["public", "private", "isolated"], availabilityZones: 2 }, "eu-west-2"));
    const after = cidrs(planSubnets({ cidr: "10.21.0.0/16", tiers: ["public", "private", "isolated"], availabilityZones: 3 }, "eu-west-2"));
    expect(after).toMatchObject(before);
    expect(Object.keys(after)).toHaveLength(9);
  });

  it("does not depend on the order tiers are listed in", () => {
    const a = planSubnets({ cidr: "10.20.0.0/16", tiers: ["isolated", "private"], availabilityZones: 3 }, "eu-west-2");
    const b = planSubnets({ cidr: "10.20.0.0/16", tiers: ["private", "isolated"], availabilityZones: 3 }, "eu-west-2");
    expect(a).toEqual(b);
  });

  it("keeps every subnet inside its tier block and no two subnets overlapping", () => {
    const plan = planSubnets({ cidr: "172.16.0.0/20", tiers: ["public", "private", "isolated"], availabilityZones: 3 }, "eu-west-2");
    for (const subnet of plan) expect(cidrsOverlap(subnet.cidr, tierCidr("172.16.0.0/20", subnet.tier))).toBe(true);
    for (const [i, a] of plan.entries())
      for (const b of plan.slice(i + 1)) expect([a.cidr, b.cidr, cidrsOverlap(a.cidr, b.cidr)]).toEqual([a.cidr, b.cidr, false]);
    // AZ slot 3 is reserved: a fourth AZ would fit without moving anything.
    expect(subnetCidr("172.16.0.0/20", "private", 3)).toBe("172.16.7.0/24");
  });

  it("names zones <region>a, b, c statically and refuses AZ indexes beyond the slots", () => {
    expect([0, 1, 2].map((i) => availabilityZoneName("eu-west-2", i))).toEqual(["eu-west-2a", "eu-west-2b", "eu-west-2c"]);
    expect(() => subnetCidr("10.20.0.0/16", "private", 4)).toThrow("AZ index 4 is outside 0-3");
    expect(() => planSubnets({ cidr: "10.20.0.0/16", tiers: ["private"], availabilityZones: 4 }, "eu-west-2")).toThrow("supported: 1-3");
  });
});

describe("CIDR checks", () => {
  it.each([
    ["10.20.0.0/16", undefined],
    ["172.31.0.0/16", undefined],
    ["192.168.10.0/24", undefined],
    ["10.20.0.1/16", '"10.20.0.1/16" has host bits set; the network address of that block is 10.20.0.0/16'],
    ["10.20.0.0/016", '"10.20.0.0/016" is not an IPv4 CIDR block such as 10.20.0.0/16'],
    ["10.20.0.0", '"10.20.0.0" is not an IPv4 CIDR block such as 10.20.0.0/16'],
    ["10.300.0.0/16", expect.stringContaining('"10.300.0.0/16" is not a valid IPv4 CIDR block')],
    ["100.64.0.0/16", '"100.64.0.0/16" is not a private range; a VPC CIDR must lie inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918)'],
    ["172.32.0.0/16", expect.stringContaining("is not a private range")],
    ["10.0.0.0/8", expect.stringContaining('"10.0.0.0/8" is a /8; a VPC CIDR must be /16 to /24')],
    ["10.20.0.0/25", expect.stringContaining('"10.20.0.0/25" is a /25; a VPC CIDR must be /16 to /24')],
  ])("%s as a VPC CIDR: %s", (cidr, problem) => {
    expect(vpcCidrProblem(cidr)).toEqual(problem);
  });

  it("accepts any valid network address as a reserved range, public or private", () => {
    expect(cidrSyntaxProblem("203.0.113.0/24")).toBeUndefined();
    expect(cidrSyntaxProblem("203.0.113.1/24")).toContain("has host bits set");
  });

  it("finds overlaps in either direction and none between neighbours", () => {
    expect(cidrsOverlap("10.0.0.0/16", "10.0.128.0/17")).toBe(true);
    expect(cidrsOverlap("10.0.128.0/17", "10.0.0.0/16")).toBe(true);
    expect(cidrsOverlap("10.0.0.0/16", "10.1.0.0/16")).toBe(false);
    expect(cidrsOverlap("0.0.0.0/0", "255.255.255.255/32")).toBe(true);
    expect(cidrsOverlap("10.0.0.255/32", "10.0.1.0/24")).toBe(false);
  });

  it("finds every overlapping pair by sort and sweep, as comparing every pair would", () => {
    // A seeded generator, so a failure reproduces: nested, equal, adjacent and disjoint blocks in a small space.
    let seed = 12345;
    let overlaps = 0;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let round = 0; round < 50; round++) {
      const blocks = Array.from({ length: 40 }, () => {
        const prefix = 16 + next(9);
        const size = 2 ** (32 - prefix);
        const first = 10 * 2 ** 24 + next(2 ** 18 / size) * size;
        return `${[24, 16, 8, 0].map((shift) => Math.floor(first / 2 ** shift) % 256).join(".")}/${prefix}`;
      });
      const expected: [number, number][] = [];
      for (let j = 0; j < blocks.length; j++)
        for (let i = 0; i < j; i++) if (cidrsOverlap(blocks[i] as string, blocks[j] as string)) expected.push([i, j]);
      expect(overlappingPairs(blocks)).toEqual(expected);
      overlaps += expected.length;
    }
    // The generator does make overlaps (nested and equal blocks), or the comparison would prove little.
    expect(overlaps).toBeGreaterThan(100);
  });

  it("checks overlap with the address arithmetic of ip-num", async () => {
    const { IPv4CidrRange } = await vi.importActual<typeof import("ip-num")>("ip-num");
    for (const [a, b] of [["10.0.0.0/16", "10.0.255.0/24"], ["10.0.0.0/16", "10.1.0.0/24"], ["172.16.0.0/12", "172.31.255.240/28"], ["192.168.0.0/24", "192.167.255.0/24"]] as const)
      expect([a, b, cidrsOverlap(a, b)]).toEqual([a, b, IPv4CidrRange.fromCidr(a).isOverlapping(IPv4CidrRange.fromCidr(b))]);
  });
});
