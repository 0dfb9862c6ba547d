import type { EventPattern } from "../detective/event-pattern";

/**
 * EventBridge event patterns of the identity detective controls, as plain objects (serialised literally into the
 * rules). All of them match CloudTrail events that Identity Center records in the account that holds the instance
 * (the management account) and in its home Region, which the landing zone requires to be organization.homeRegion:
 * the rules live there, beside the security alarm topic. EventBridge only sees the CloudTrail events of its own
 * account and Region; the organisation trail's log group (logging stack) covers everything else.
 */

/**
 * Identity Center operations that change how people authenticate. Documented in the Identity Center CloudTrail
 * page: PutMfaDeviceManagementForDirectory (the MFA settings page) and the external identity provider
 * configuration operations (switching the identity source moves MFA to the IdP, or removes it).
 * UpdateSSOConfiguration is an IAM action ("update the configuration for the current SSO instance") whose event AWS
 * does not document; third-party detections match it as UpdateSsoConfiguration, so its case is unverified and the
 * pattern ignores case for every name.
 */
export const AUTHENTICATION_SETTINGS_EVENTS = [
  "PutMfaDeviceManagementForDirectory",
  "UpdateSSOConfiguration",
  "CreateExternalIdPConfigurationForDirectory",
  "UpdateExternalIdPConfigurationForDirectory",
  "DeleteExternalIdPConfigurationForDirectory",
  "EnableExternalIdPConfigurationForDirectory",
  "DisableExternalIdPConfigurationForDirectory",
] as const;

/**
 * Changes to Identity Center's MFA and authentication settings. Every source AWS has listed these names under
 * (sso, sso-directory, and identitystore for the directory operations), since the documented mapping has changed.
 * No detail-type: these are console operations without a public API, and Identity Center records some of its
 * operations (the access portal's GetRoleCredentials, ListAccounts) as service events ("AWS Service Event via
 * CloudTrail") rather than API calls, so a detail-type would only be a way to miss the event.
 */
export function authenticationSettingsChangedPattern(): EventPattern {
  return {
    source: ["aws.sso", "aws.sso-directory", "aws.identitystore"],
    detail: { eventName: AUTHENTICATION_SETTINGS_EVENTS.map((name) => ({ "equals-ignore-case": name })) },
  };
}

/**
 * An Identity Center user signed in with a password only. UserAuthentication is emitted only when every challenge
 * passed, and its CredentialType lists every verified factor (PASSWORD,TOTP or PASSWORD,WEBAUTHN with MFA). With
 * MFA on every sign-in, PASSWORD alone means MFA was switched off or bypassed. With an external identity provider
 * the type is EXTERNAL_IDP and MFA happens at the IdP, invisible here.
 */
export function signInWithoutMfaPattern(): EventPattern {
  return {
    source: ["aws.signin"],
    detail: {
      eventSource: ["signin.amazonaws.com"],
      eventName: ["UserAuthentication"],
      additionalEventData: { CredentialType: ["PASSWORD"] },
    },
  };
}

/**
 * Someone took credentials of the break-glass permission set in any account: GetRoleCredentials (CLI and SDKs) and
 * Federate (the access portal opening the console). Portal events are recorded where the instance is, whichever
 * account the role is in. They are service events (eventType AwsServiceEvent, detail-type "AWS Service Event via
 * CloudTrail") whose requestParameters are null: the role and account are in serviceEventDetails, as role_name and
 * account_id. requestParameters.roleName is matched as well, for the shape the portal API's request would have.
 * GetRoleCredentials is read-only, so the rule must receive read-only management events.
 */
export function breakGlassFederationPattern(permissionSetName: string): EventPattern {
  return {
    source: ["aws.sso"],
    detail: {
      eventSource: ["sso.amazonaws.com"],
      eventName: ["GetRoleCredentials", "Federate"],
      $or: [
        { serviceEventDetails: { role_name: [permissionSetName] } },
        { requestParameters: { roleName: [permissionSetName] } },
      ],
    },
  };
}

/**
 * CloudWatch Logs filter pattern, on the organisation trail's log group, for any use of the break-glass permission
 * set in any account and Region: a call made with its role (session issuer AWSReservedSSO_<set>_<hash>; the
 * trailing wildcard is documented in "Using filter patterns to match terms in JSON log events",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/matching-terms-json-log-events.html), or Identity Center
 * issuing its credentials (GetRoleCredentials, Federate; serviceEventDetails.role_name, as breakGlassFederationPattern
 * explains). The trail records every account and Region, global services included, so one filter covers what
 * per-Region EventBridge rules could not.
 */
export function breakGlassMetricFilterPattern(permissionSetName: string): string {
  return (
    `{ ($.userIdentity.sessionContext.sessionIssuer.userName = "AWSReservedSSO_${permissionSetName}_*") || ` +
    `(($.eventSource = "sso.amazonaws.com") && (($.eventName = "GetRoleCredentials") || ($.eventName = "Federate")) && ` +
    `(($.serviceEventDetails.role_name = "${permissionSetName}") || ($.requestParameters.roleName = "${permissionSetName}"))) }`
  );
}

/** Namespace of the landing zone's own (non-CIS) metrics, such as the break-glass metric. */
export const LANDING_ZONE_METRIC_NAMESPACE = "LandingZone";
