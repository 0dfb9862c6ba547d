/**
 * The AWS Regions of the commercial partition (`aws`), as listed by the AWS SDK's partition data in November 2026.
 *
 * Other partitions (China, GovCloud, the European Sovereign Cloud, ISO) need separate organisations and
 * credentials, so the landing zone does not accept their region codes.
 *
 * `optIn`: the Region is disabled by default and must be enabled per account (the region-deny guardrail also
 * denies enabling Regions). `country`: ISO 3166 code of where the Region's data centres are, for residency rules.
 */
export const AWS_REGIONS = {
  "af-south-1": { name: "Africa (Cape Town)", country: "ZA", optIn: true },
  "ap-east-1": { name: "Asia Pacific (Hong Kong)", country: "HK", optIn: true },
  "ap-east-2": { name: "Asia Pacific (Taipei)", country: "TW", optIn: true },
  "ap-northeast-1": { name: "Asia Pacific (Tokyo)", country: "JP", optIn: false },
  "ap-northeast-2": { name: "Asia Pacific (Seoul)", country: "KR", optIn: false },
  "ap-northeast-3": { name: "Asia Pacific (Osaka)", country: "JP", optIn: false },
  "ap-south-1": { name: "Asia Pacific (Mumbai)", country: "IN", optIn: false },
  "ap-south-2": { name: "Asia Pacific (Hyderabad)", country: "IN", optIn: true },
  "ap-southeast-1": { name: "Asia Pacific (Singapore)", country: "SG", optIn: false },
  "ap-southeast-2": { name: "Asia Pacific (Sydney)", country: "AU", optIn: false },
  "ap-southeast-3": { name: "Asia Pacific (Jakarta)", country: "ID", optIn: true },
  "ap-southeast-4": { name: "Asia Pacific (Melbourne)", country: "AU", optIn: true },
  "ap-southeast-5": { name: "Asia Pacific (Malaysia)", country: "MY", optIn: true },
  "ap-southeast-6": { name: "Asia Pacific (New Zealand)", country: "NZ", optIn: true },
  "ap-southeast-7": { name: "Asia Pacific (Thailand)", country: "TH", optIn: true },
  "ca-central-1": { name: "Canada (Central)", country: "CA", optIn: false },
  "ca-west-1": { name: "Canada West (Calgary)", country: "CA", optIn: true },
  "eu-central-1": { name: "Europe (Frankfurt)", country: "DE", optIn: false },
  "eu-central-2": { name: "Europe (Zurich)", country: "CH", optIn: true },
  "eu-north-1": { name: "Europe (Stockholm)", country: "SE", optIn: false },
  "eu-south-1": { name: "Europe (Milan)", country: "IT", optIn: true },
  "eu-south-2": { name: "Europe (Spain)", country: "ES", optIn: true },
  "eu-west-1": { name: "Europe (Ireland)", country: "IE", optIn: false },
  "eu-west-2": { name: "Europe (London)", country: "GB", optIn: false },
  "eu-west-3": { name: "Europe (Paris)", country: "FR", optIn: false },
  "il-central-1": { name: "Israel (Tel Aviv)", country: "IL", optIn: true },
  "me-central-1": { name: "Middle East (UAE)", country: "AE", optIn: true },
  "me-south-1": { name: "Middle East (Bahrain)", country: "BH", optIn: true },
  "me-west-1": { name: "Middle East (Saudi Arabia)", country: "SA", optIn: true },
  "mx-central-1": { name: "Mexico (Central)", country: "MX", optIn: true },
  "sa-east-1": { name: "South America (Sao Paulo)", country: "BR", optIn: false },
  "sa-west-1": { name: "South America (Chile)", country: "CL", optIn: true },
  "us-east-1": { name: "US East (N. Virginia)", country: "US", optIn: false },
  "us-east-2": { name: "US East (Ohio)", country: "US", optIn: false },
  "us-west-1": { name: "US West (N. California)", country: "US", optIn: false },
  "us-west-2": { name: "US West (Oregon)", country: "US", optIn: false },
} as const satisfies Record<string, { readonly name: string; readonly country: string; readonly optIn: boolean }>;

export type AwsRegion = keyof typeof AWS_REGIONS;

export const AWS_REGION_CODES = Object.keys(AWS_REGIONS) as [AwsRegion, ...AwsRegion[]];

/**
 * Countries of the European Economic Area (EU member states plus Iceland, Liechtenstein and Norway).
 * The United Kingdom and Switzerland are not in the EEA: a contract that says "EEA" excludes eu-west-2 and eu-central-2.
 */
const EEA_COUNTRIES: ReadonlySet<string> = new Set([
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
  "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
]);

export function isAwsRegion(code: string): code is AwsRegion {
  return Object.hasOwn(AWS_REGIONS, code);
}

/** The Regions whose data centres are in the European Economic Area. */
export const EEA_REGIONS: readonly AwsRegion[] = AWS_REGION_CODES.filter((code) =>
  EEA_COUNTRIES.has(AWS_REGIONS[code].country),
);
