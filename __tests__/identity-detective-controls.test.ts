import {
  AUTHENTICATION_SETTINGS_EVENTS,
  authenticationSettingsChangedPattern,
  breakGlassFederationPattern,
  breakGlassMetricFilterPattern,
  signInWithoutMfaPattern,
} from "../src/identity/detective-controls";
import type { EventPattern } from "../src/detective/event-pattern";
import type { SynthesizedStack } from "./helpers";
import { synthesizeStackAlone } from "./support/one-stack";
import { matchesPattern } from "./support/event-pattern";
import { matchesFilterPattern } from "./support/log-filter-pattern";

/** An event as EventBridge delivers it from CloudTrail. */
function cloudTrailEvent(source: string, detailType: string, detail: Record<string, unknown>) {
  return { version: "0", id: "e1", source, "detail-type": detailType, account: "111111111111", region: "eu-west-2", detail };
}
const apiCall = (service: string, eventName: string, extra: Record<string, unknown> = {}) =>
  cloudTrailEvent(`aws.${service}`, "AWS API Call via CloudTrail", { eventSource: `${service}.amazonaws.com`, eventName, ...extra });
const signIn = (credentialType: string) =>
  cloudTrailEvent("aws.signin", "AWS Service Event via CloudTrail", {
    eventSource: "signin.amazonaws.com",
    eventName: "UserAuthentication",
    eventType: "AwsServiceEvent",
    userIdentity: { type: "IdentityCenterUser" },
    additionalEventData: { CredentialType: credentialType, LoginTo: "https://d-1234567890.awsapps.com/start" },
  });

/** The pattern the synthesized rule holds, parsed from its literal JSON: what AWS will evaluate. */
function synthesizedPattern(id: string): EventPattern {
  const stack = synthesizeStackAlone("identity");
  return JSON.parse(stack.resource("aws_cloudwatch_event_rule", id).event_pattern);
}

describe("changes to Identity Center MFA and authentication settings", () => {
  let pattern: EventPattern;
  beforeAll(() => {
    pattern = synthesizedPattern("alarm_identity_center_authentication_settings");
  });

  it("is the pattern built in src/identity", () => {
    expect(pattern).toEqual(authenticationSettingsChangedPattern());
  });

  it("matches the documented MFA settings event", () => {
    expect(matchesPattern(pattern, apiCall("sso", "PutMfaDeviceManagementForDirectory"))).toBe(true);
  });

  it("matches the undocumented UpdateSSOConfiguration in either spelling seen", () => {
    expect(matchesPattern(pattern, apiCall("sso", "UpdateSSOConfiguration"))).toBe(true);
    expect(matchesPattern(pattern, apiCall("sso", "UpdateSsoConfiguration"))).toBe(true);
  });

  it("matches the change whether CloudTrail records it as an API call or as a service event", () => {
    const serviceEvent = cloudTrailEvent("aws.sso", "AWS Service Event via CloudTrail", {
      eventSource: "sso.amazonaws.com",
      eventName: "UpdateSSOConfiguration",
      eventType: "AwsServiceEvent",
      readOnly: false,
    });
    expect(matchesPattern(pattern, serviceEvent)).toBe(true);
  });

  it("matches whichever of sso, sso-directory and identitystore records it", () => {
    expect(matchesPattern(pattern, apiCall("sso-directory", "PutMfaDeviceManagementForDirectory"))).toBe(true);
    expect(matchesPattern(pattern, apiCall("identitystore", "PutMfaDeviceManagementForDirectory"))).toBe(true);
  });

  it("matches a change of the external identity provider, which moves MFA elsewhere", () => {
    for (const name of AUTHENTICATION_SETTINGS_EVENTS.filter((n) => n.includes("ExternalIdP"))) {
      expect([name, matchesPattern(pattern, apiCall("sso-directory", name))]).toEqual([name, true]);
    }
  });

  it("ignores reads of the settings and unrelated changes", () => {
    expect(matchesPattern(pattern, apiCall("sso", "GetMfaDeviceManagementForDirectory"))).toBe(false);
    expect(matchesPattern(pattern, apiCall("sso", "CreatePermissionSet"))).toBe(false);
    expect(matchesPattern(pattern, apiCall("s3", "PutMfaDeviceManagementForDirectory"))).toBe(false);
  });
});

describe("Identity Center sign-in without MFA", () => {
  let pattern: EventPattern;
  beforeAll(() => {
    pattern = synthesizedPattern("alarm_identity_center_sign_in_without_mfa");
  });

  it("is the pattern built in src/identity", () => {
    expect(pattern).toEqual(signInWithoutMfaPattern());
  });

  it("matches a sign-in verified by password alone", () => {
    expect(matchesPattern(pattern, signIn("PASSWORD"))).toBe(true);
  });

  it("ignores sign-ins with an authenticator app, a security key, or an external IdP", () => {
    expect(matchesPattern(pattern, signIn("PASSWORD,TOTP"))).toBe(false);
    expect(matchesPattern(pattern, signIn("PASSWORD,WEBAUTHN"))).toBe(false);
    expect(matchesPattern(pattern, signIn("EXTERNAL_IDP"))).toBe(false);
  });

  it("ignores single challenges, which are not completed sign-ins", () => {
    const challenge = signIn("PASSWORD");
    expect(matchesPattern(pattern, { ...challenge, detail: { ...challenge.detail, eventName: "CredentialChallenge" } })).toBe(false);
  });
});

describe("break-glass use", () => {
  let federation: EventPattern;
  beforeAll(() => {
    federation = synthesizedPattern("alarm_break_glass_federation");
  });

  it("are the patterns built in src/identity, for the BreakGlass permission set", () => {
    expect(federation).toEqual(breakGlassFederationPattern("BreakGlass"));
  });

  it("matches credentials issued for BreakGlass as CloudTrail records them: a service event, role in serviceEventDetails", () => {
    // The shape of a recorded GetRoleCredentials (and Federate) event: requestParameters is null.
    const portal = (eventName: string, roleName: string, accountId = "333333333333") =>
      cloudTrailEvent("aws.sso", "AWS Service Event via CloudTrail", {
        eventSource: "sso.amazonaws.com",
        eventName,
        eventType: "AwsServiceEvent",
        readOnly: true,
        userIdentity: { type: "IdentityCenterUser", accountId: "111111111111" },
        requestParameters: null,
        responseElements: null,
        serviceEventDetails: { role_name: roleName, account_id: accountId },
      });
    expect(matchesPattern(federation, portal("GetRoleCredentials", "BreakGlass"))).toBe(true);
    expect(matchesPattern(federation, portal("Federate", "BreakGlass", "111111111111"))).toBe(true);
    expect(matchesPattern(federation, portal("GetRoleCredentials", "Administrator"))).toBe(false);
    expect(matchesPattern(federation, portal("ListAccountRoles", "BreakGlass"))).toBe(false);
  });

  it("also matches the role in requestParameters, should the portal API's request be recorded", () => {
    const portal = (eventName: string, roleName: string, accountId = "333333333333") =>
      apiCall("sso", eventName, { requestParameters: { roleName, accountId } });
    expect(matchesPattern(federation, portal("GetRoleCredentials", "BreakGlass"))).toBe(true);
    expect(matchesPattern(federation, portal("Federate", "BreakGlass", "111111111111"))).toBe(true);
    expect(matchesPattern(federation, portal("GetRoleCredentials", "Administrator"))).toBe(false);
    expect(matchesPattern(federation, portal("ListAccountRoles", "BreakGlass"))).toBe(false);
  });

});

describe("break-glass use in any account and Region (metric filter on the organisation trail's log group)", () => {
  let stack: SynthesizedStack;
  let filter: Record<string, any> | undefined;
  let pattern: string;
  beforeAll(() => {
    stack = synthesizeStackAlone("org-trail");
    filter = Object.values(stack.resources("aws_cloudwatch_log_metric_filter")).find((f) => f.name === "kestrel-lz-break-glass-used");
    pattern = filter?.pattern;
  });
  /** A CloudTrail record as the trail delivers it to CloudWatch Logs (no EventBridge envelope). */
  const record = (account: string, region: string, roleName: string, eventName = "CreateUser") => ({
    eventVersion: "1.10", eventSource: "iam.amazonaws.com", eventName, awsRegion: region, recipientAccountId: account,
    userIdentity: { type: "AssumedRole", sessionContext: { sessionIssuer: { type: "Role", userName: roleName } } },
  });
  const portal = (eventName: string, roleName: string) => ({
    eventSource: "sso.amazonaws.com", eventName, eventType: "AwsServiceEvent", awsRegion: "eu-west-2", requestParameters: null,
    serviceEventDetails: { role_name: roleName, account_id: "333333333333" },
  });

  it("is the pattern built in src/identity, on the trail's log group, counted into one alarm to the security topic", () => {
    expect(pattern).toBe(breakGlassMetricFilterPattern("BreakGlass"));
    expect(filter?.log_group_name).toBe("${aws_cloudwatch_log_group.trail_log_group.name}");
    const alarm = Object.values(stack.resources("aws_cloudwatch_metric_alarm")).find((a) => a.alarm_name === "kestrel-lz-break-glass-used");
    expect(alarm).toMatchObject({
      metric_name: "kestrel-lz-break-glass-used", namespace: filter?.metric_transformation.namespace, statistic: "Sum", period: 300,
      threshold: 1, comparison_operator: "GreaterThanOrEqualToThreshold", alarm_actions: ["${aws_sns_topic.security_alarm_topic.arn}"],
    });
  });

  it("matches calls made with the BreakGlass role in any account and Region, global services included", () => {
    for (const [account, region] of [["111111111111", "eu-west-2"], ["333333333333", "us-east-1"], ["444444444444", "ap-southeast-2"]] as const)
      expect([account, region, matchesFilterPattern(pattern, record(account, region, "AWSReservedSSO_BreakGlass_0123456789abcdef"))]).toEqual([account, region, true]);
    expect(matchesFilterPattern(pattern, record("333333333333", "eu-west-2", "AWSReservedSSO_BreakGlass_0123456789abcdef", "ListUsers"))).toBe(true);
  });

  it("matches credentials issued for BreakGlass, and nothing by other roles", () => {
    expect(matchesFilterPattern(pattern, portal("GetRoleCredentials", "BreakGlass"))).toBe(true);
    expect(matchesFilterPattern(pattern, portal("Federate", "BreakGlass"))).toBe(true);
    expect(matchesFilterPattern(pattern, portal("GetRoleCredentials", "Administrator"))).toBe(false);
    expect(matchesFilterPattern(pattern, portal("ListAccountRoles", "BreakGlass"))).toBe(false);
    expect(matchesFilterPattern(pattern, record("333333333333", "eu-west-2", "AWSReservedSSO_Administrator_0123456789abcdef"))).toBe(false);
    expect(matchesFilterPattern(pattern, record("333333333333", "eu-west-2", "AWSReservedSSO_BreakGlassTest_0123456789abcdef"))).toBe(false);
  });
});
