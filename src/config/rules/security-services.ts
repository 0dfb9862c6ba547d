import type { ConfigRule } from "./rule";

/**
 * GuardDuty manages the Runtime Monitoring agent only for accounts where Runtime Monitoring is on: the agent
 * management settings are additional configurations of the RUNTIME_MONITORING feature (GuardDuty API,
 * DetectorAdditionalConfiguration), so asking for one without the other is a config that cannot be applied as read.
 */
export const agentManagementNeedsRuntimeMonitoring: ConfigRule = (config) => {
  const protection = config.securityServices.guardDuty.protection;
  return protection.runtimeMonitoringAgentManagement && !protection.runtimeMonitoring
    ? [{
        path: ["securityServices", "guardDuty", "protection", "runtimeMonitoringAgentManagement"],
        message: "agent management is part of Runtime Monitoring: set runtimeMonitoring: true, or runtimeMonitoringAgentManagement: false",
      }]
    : [];
};

/**
 * Inspector's Lambda code scanning runs only where Lambda standard scanning is on (Amazon Inspector UG, "Scanning
 * AWS Lambda functions with Amazon Inspector": code scanning needs standard scanning activated).
 */
export const lambdaCodeNeedsLambda: ConfigRule = (config) => {
  const inspector = config.securityServices.inspector;
  return inspector.lambdaCode && !inspector.lambda
    ? [{
        path: ["securityServices", "inspector", "lambdaCode"],
        message: "Lambda code scanning needs Lambda standard scanning: set lambda: true, or lambdaCode: false",
      }]
    : [];
};

/** Rules for the securityServices section. */
export const SECURITY_SERVICES_RULES: readonly ConfigRule[] = [agentManagementNeedsRuntimeMonitoring, lambdaCodeNeedsLambda];
